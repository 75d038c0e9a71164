// SPDX-License-Identifier: MIT
// Placeholder until the hub lands: answers every request with UNAVAILABLE.
#include "hub.h"

namespace NebengJek::Server {

class Hub::Private
{
public:
    Outbox *outbox = nullptr;
};

Hub::Hub(Storage *, const HubConfig &, Outbox *outbox, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>())
{
    d->outbox = outbox;
}

Hub::~Hub() = default;

void Hub::connectionOpened(ConnectionId, const Principal &) { }
void Hub::connectionClosed(ConnectionId) { }

void Hub::handle(ConnectionId connection, const Protocol::Envelope &envelope)
{
    d->outbox->send(connection,
                    Protocol::Envelope::errorReply(
                            envelope.id,
                            Protocol::ProtocolError::make(Protocol::ErrorCode::Unavailable,
                                                          QStringLiteral("not implemented yet")))
                            .toJson());
}

bool Hub::isHealthy() const
{
    return true;
}

} // namespace NebengJek::Server
