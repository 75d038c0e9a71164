// SPDX-License-Identifier: MIT
#pragma once

#include <protocol/envelope.h>

#include <QHash>
#include <QObject>

namespace NebengJek::Client {

// Whether the ride partner is online, from the hub's presence events (status.bulk,
// user.online/offline) and from signs of life (accepting, live positions, typing). Unknown,
// and so shown as offline, while this device is disconnected: what we knew may be stale.
class PartnerPresence : public QObject
{
    Q_OBJECT
public:
    explicit PartnerPresence(QObject *parent = nullptr);

    bool partnerOnline() const;
    QString partnerId() const { return m_partnerId; }
    void setPartner(const QString &userId);
    void setConnected(bool connected);
    // The partner did something only an online user can: online unless told otherwise.
    void markActive(const QString &userId);
    // A partner just matched whose presence the hub has not reported: the hub only tells
    // contacts about changes, so assume online until it says otherwise.
    void assumeOnline(const QString &userId);
    // user.online, user.offline, status.bulk, typing; other messages are ignored.
    void handle(const Protocol::Envelope &envelope);
    void clear();

Q_SIGNALS:
    void partnerOnlineChanged();

private:
    void set(const QString &userId, bool online);
    // Runs a change and emits partnerOnlineChanged if the answer changed.
    template<typename F> void update(F change);

    QHash<QString, bool> m_online;
    QString m_partnerId;
    bool m_connected = false;
};

} // namespace NebengJek::Client
