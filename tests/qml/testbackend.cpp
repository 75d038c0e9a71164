// SPDX-License-Identifier: MIT
#include "testbackend.h"

#include "connection/connectionmanager.h"
#include "demo/fakeserver.h"
#include "models/appsession.h"

#include <protocol/messagetype.h>

#include <QDateTime>
#include <QJsonObject>

using namespace NebengJek;

namespace {
Protocol::MessageType typeOf(const QString &name)
{
    const auto type = Protocol::messageTypeFromName(name, Protocol::Direction::FromServer);
    if (!type)
        qFatal("unknown message type %s", qPrintable(name));
    return *type;
}

Protocol::MessageType requestTypeOf(const QString &name)
{
    const auto type = Protocol::messageTypeFromName(name, Protocol::Direction::FromClient);
    if (!type)
        qFatal("unknown message type %s", qPrintable(name));
    return *type;
}
} // namespace

TestBackend::TestBackend(Client::Demo::FakeServer *server, Client::AppSession *session,
                         QObject *parent)
    : QObject(parent)
    , m_server(server)
    , m_session(session)
{ }

QString TestBackend::url() const
{
    return m_server->url().toString();
}

void TestBackend::countDesktopNotification()
{
    ++m_desktopNotifications;
    Q_EMIT desktopNotificationsChanged();
}

void TestBackend::signIn(const QString &userId, const QString &role)
{
    m_session->signOut();
    m_session->devSignIn(url(), userId, role);
}

bool TestBackend::ready() const
{
    return m_session->stage() == Client::AppSession::SignedIn
            && m_session->connection()->state() == Client::ConnectionManager::Connected;
}

void TestBackend::push(const QString &userId, const QString &type, const QVariantMap &payload,
                       bool durable)
{
    m_server->push(userId, typeOf(type), QJsonObject::fromVariantMap(payload), durable);
}

double TestBackend::pushNotification(const QString &userId, const QString &kind,
                                     const QString &title, const QString &body, int minutesAgo,
                                     bool read)
{
    const qint64 at = QDateTime::currentMSecsSinceEpoch() - qint64(minutesAgo) * 60000;
    return double(m_server->pushNotification(userId, kind, title, body, at, read));
}

int TestBackend::receivedCount(const QString &userId, const QString &type) const
{
    return m_server->receivedCount(userId, requestTypeOf(type));
}

QVariantMap TestBackend::lastReceived(const QString &userId, const QString &type) const
{
    const auto list = m_server->received(userId, requestTypeOf(type));
    return list.isEmpty() ? QVariantMap() : list.last().payload.toVariantMap();
}

void TestBackend::setAutoReply(bool enabled)
{
    m_server->setAutoReply(enabled);
}

double TestBackend::now() const
{
    return double(QDateTime::currentMSecsSinceEpoch());
}
