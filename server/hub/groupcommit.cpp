// SPDX-License-Identifier: MIT
#include "groupcommit.h"

#include "connectionregistry.h"
#include "logging.h"
#include "outcome.h"

#include <storage/storage.h>

namespace NebengJek::Server {

GroupCommit::GroupCommit(Storage &storage, ConnectionRegistry &connections, QObject *parent)
    : QObject(parent)
    , m_storage(storage)
    , m_connections(connections)
    , m_commitTimer(this) // a child: moveToThread() of the hub takes it along
{
    m_commitTimer.setSingleShot(true);
    m_commitTimer.setInterval(0);
    connect(&m_commitTimer, &QTimer::timeout, this, &GroupCommit::commitNow);
}

void GroupCommit::join()
{
    if (m_storage.isGrouping())
        return;
    m_storage.beginGroup();
    m_connections.holdOutput();
    m_commitTimer.start();
}

bool GroupCommit::isOpen() const
{
    return m_storage.isGrouping();
}

bool GroupCommit::commitNow()
{
    m_commitTimer.stop();
    if (!m_storage.isGrouping() && !m_connections.isHoldingOutput())
        return true;
    if (m_storage.commitGroup()) {
        m_connections.releaseOutput();
        return true;
    }
    qCWarning(lcHub) << "group commit failed;" << m_connections.heldCount()
                     << "held frames dropped, their requests answered UNAVAILABLE";
    m_connections.failHeldOutput([](const QString &requestId) {
        return Protocol::Envelope::errorReply(requestId, *Outcome::storageFailure().error).toJson();
    });
    Q_EMIT groupFailed();
    return false;
}

} // namespace NebengJek::Server
