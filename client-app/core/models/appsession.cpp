// SPDX-License-Identifier: MIT
#include "appsession.h"

#include "chatmodel.h"
#include "connection/connectionmanager.h"
#include "logging.h"
#include "notificationmodel.h"
#include "ridecontroller.h"
#include "storage/tokenstore.h"
#include "triphistorymodel.h"

#include <devtoken/devtoken.h>
#include <protocol/messages/authmessages.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUrlQuery>

namespace NebengJek::Client {

using Protocol::Role;

namespace {
const QString kKeyServerUrl = QStringLiteral("session/serverUrl");
const QString kKeyUserId = QStringLiteral("session/userId");
const QString kKeyRole = QStringLiteral("session/role");
const QString kKeyRemembered = QStringLiteral("session/remembered");
const QString kKeyPlaintext = QStringLiteral("session/plaintextAllowed");

bool isValidUserId(const QString &id)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_.:@-]{1,128}$"));
    return re.match(id).hasMatch();
}
} // namespace

AppSession::AppSession(const QString &dataDirectory, QObject *parent)
    : QObject(parent)
    , m_dataDir(dataDirectory.isEmpty()
                        ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                        : dataDirectory)
{
    QDir().mkpath(m_dataDir);
    m_settings = std::make_unique<QSettings>(
            QDir(m_dataDir).filePath(QStringLiteral("session.ini")), QSettings::IniFormat);
    m_connection = new ConnectionManager(m_dataDir, this);
    m_tokenStore = new TokenStore(QString::fromLatin1(TokenStore::kDefaultAccount),
                                  QDir(m_dataDir).filePath(QStringLiteral("token.ini")), this);
    m_tokenStore->setPlaintextFallbackAllowed(m_settings->value(kKeyPlaintext, false).toBool());
    // The ride controller first: chat follows the match it sets, for the same event.
    m_ride = new RideController(m_connection, this);
    m_notifications = new NotificationModel(m_connection, this);
    m_history = new TripHistoryModel(m_connection, this);
    m_chat = new ChatModel(m_connection, this);
    m_network = new QNetworkAccessManager(this);

    connect(m_connection, &ConnectionManager::authenticated, this, &AppSession::onAuthenticated);
    connect(m_connection, &ConnectionManager::stateChanged, this,
            &AppSession::onConnectionStateChanged);
    connect(m_connection, &ConnectionManager::signedOutByServer, this,
            &AppSession::onSignedOutByServer);
    connect(m_tokenStore, &TokenStore::keychainAvailableChanged, this,
            &AppSession::keychainAvailableChanged);
    connect(m_tokenStore, &TokenStore::tokenSaved, this, [this] {
        if (!m_savingToken)
            return;
        m_savingToken = false;
        m_settings->setValue(kKeyRemembered, true);
    });
    connect(m_tokenStore, &TokenStore::failed, this, [this](const QString &message) {
        qCWarning(lcClientSession) << "token store:" << message;
        if (!m_savingToken)
            return;
        m_savingToken = false;
        m_settings->setValue(kKeyRemembered, false);
        Q_EMIT notice(m_tokenStore->isKeychainAvailable()
                              ? tr("Could not remember the sign-in on this device.")
                              : tr("No keychain is available: you will have to sign in again next "
                                   "time."));
    });
    connect(m_ride, &RideController::rideChanged, this, [this] {
        if (m_ride->hasPartner())
            m_chat->setConversation(m_ride->matchId(), m_ride->partnerId());
        else if (m_ride->state() != RideController::Completed)
            m_chat->setConversation({}, {});
    });
    m_tokenStore->probe();
}

AppSession::~AppSession() = default;

ConnectionManager *AppSession::connection() const
{
    return m_connection;
}

QString AppSession::roleName() const
{
    return m_userId.isEmpty() ? QString() : Protocol::roleName(m_role);
}

QString AppSession::lastServerUrl() const
{
    return m_settings->value(kKeyServerUrl, QString::fromLatin1(kDefaultServerUrl)).toString();
}

QString AppSession::lastUserId() const
{
    return m_settings->value(kKeyUserId).toString();
}

QString AppSession::lastRole() const
{
    return m_settings->value(kKeyRole, QStringLiteral("passenger")).toString();
}

bool AppSession::keychainAvailable() const
{
    return m_tokenStore->isKeychainAvailable();
}

void AppSession::setApplicationActive(bool active)
{
    if (m_applicationActive == active)
        return;
    m_applicationActive = active;
    m_notifications->setApplicationActive(active);
    Q_EMIT applicationActiveChanged();
}

void AppSession::setStage(Stage stage)
{
    if (m_stage == stage)
        return;
    m_stage = stage;
    Q_EMIT stageChanged();
}

void AppSession::setError(const QString &message)
{
    if (m_errorString == message)
        return;
    m_errorString = message;
    Q_EMIT errorStringChanged();
}

void AppSession::clearError()
{
    setError({});
}

QString AppSession::normalizeServerUrl(const QString &input)
{
    QString text = input.trimmed();
    if (text.isEmpty())
        return {};
    if (!text.contains(QLatin1String("://")))
        text.prepend(QLatin1String("ws://"));
    QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return {};
    if (url.scheme() == QLatin1String("http"))
        url.setScheme(QStringLiteral("ws"));
    else if (url.scheme() == QLatin1String("https"))
        url.setScheme(QStringLiteral("wss"));
    if (url.scheme() != QLatin1String("ws") && url.scheme() != QLatin1String("wss"))
        return {};
    if (url.path().isEmpty() || url.path() == QLatin1String("/"))
        url.setPath(QStringLiteral("/ws"));
    return url.toString();
}

QString AppSession::userDirectory(const QString &userId) const
{
    // User ids are protocol identifiers ([A-Za-z0-9_.:@-]); ':' is not portable in file names.
    QString safe = userId;
    safe.replace(QLatin1Char(':'), QLatin1Char('_'));
    return QDir(m_dataDir).filePath(QStringLiteral("users/") + safe);
}

void AppSession::signIn(const QString &serverUrl, const QString &token, bool remember,
                        bool allowPlaintext)
{
    if (m_stage == SigningIn)
        return;
    const QString normalized = normalizeServerUrl(serverUrl);
    if (normalized.isEmpty()) {
        setError(tr("Enter a server address such as ws://127.0.0.1:8080/ws."));
        return;
    }
    const QString trimmedToken = token.trimmed();
    if (trimmedToken.isEmpty() || trimmedToken.size() > Protocol::kMaxTokenLength) {
        setError(tr("Enter the sign-in token you were given."));
        return;
    }
    if (m_stage == SignedIn)
        signOut();
    clearError();
    m_pendingUrl = QUrl(normalized);
    m_pendingToken = trimmedToken;
    m_pendingRemember = remember;
    m_pendingAllowPlaintext = allowPlaintext;
    setStage(SigningIn);
    startConnection(m_pendingUrl, m_pendingToken);
}

void AppSession::startConnection(const QUrl &url, const QString &token)
{
    m_settings->setValue(kKeyServerUrl, url.toString());
    m_connection->setCredentials(url, token);
    m_connection->open();
}

void AppSession::devSignIn(const QString &serverUrl, const QString &userId, const QString &role,
                           const QString &devSecret, bool remember, bool allowPlaintext)
{
    if (m_stage == SigningIn)
        return;
    const QString normalized = normalizeServerUrl(serverUrl);
    if (normalized.isEmpty()) {
        setError(tr("Enter a server address such as ws://127.0.0.1:8080/ws."));
        return;
    }
    const QString id = userId.trimmed();
    if (!isValidUserId(id)) {
        setError(tr("A user id is 1 to 128 letters, digits or . _ : @ -"));
        return;
    }
    const auto parsedRole = Protocol::roleFromName(role);
    if (!parsedRole) {
        setError(tr("Choose driver or passenger."));
        return;
    }
    if (m_stage == SignedIn)
        signOut();
    clearError();
    m_pendingUrl = QUrl(normalized);
    m_pendingRemember = remember;
    m_pendingAllowPlaintext = allowPlaintext;
    m_devUserId = id;
    m_devRole = *parsedRole;
    m_devSecret = devSecret;
    m_settings->setValue(kKeyUserId, id);
    m_settings->setValue(kKeyRole, role);
    setStage(SigningIn);

    // The dev token endpoint lives on the same port, over plain HTTP(S).
    QUrl tokenUrl = m_pendingUrl;
    tokenUrl.setScheme(m_pendingUrl.scheme() == QLatin1String("wss") ? QStringLiteral("https")
                                                                     : QStringLiteral("http"));
    tokenUrl.setPath(QStringLiteral("/dev/token"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("user_id"), id);
    query.addQueryItem(QStringLiteral("role"), role);
    for (const char *claim : {"name", "vehicle", "plate"}) {
        const QString value = m_devProfile.value(QLatin1String(claim)).toString();
        if (!value.isEmpty())
            query.addQueryItem(QLatin1String(claim), value);
    }
    tokenUrl.setQuery(query);
    QNetworkRequest request(tokenUrl);
    request.setTransferTimeout(kDevTokenTimeoutMs);
    m_devTokenReply = m_network->get(request);
    connect(m_devTokenReply, &QNetworkReply::finished, this,
            [this, reply = m_devTokenReply.data()] { onDevTokenReply(reply); });
}

QByteArray AppSession::mintDevToken(const QString &userId, Protocol::Role role,
                                    const QByteArray &secret, qint64 nowSeconds,
                                    qint64 lifetimeSeconds)
{
    Dev::TokenClaims claims;
    claims.userId = userId;
    claims.role = Protocol::roleName(role);
    claims.issuedAt = nowSeconds;
    claims.lifetimeSeconds = lifetimeSeconds;
    claims.issuer = QStringLiteral("nebengjek");
    claims.audience = QStringLiteral("nebengjek-realtime");
    return Dev::mintToken(claims, secret);
}

void AppSession::onDevTokenReply(QNetworkReply *reply)
{
    reply->deleteLater();
    if (reply != m_devTokenReply || m_stage != SigningIn)
        return;
    m_devTokenReply.clear();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    QString token;
    if (reply->error() == QNetworkReply::NoError && status == 200) {
        const QByteArray body = reply->readAll();
        const QJsonDocument doc = QJsonDocument::fromJson(body);
        token = doc.isObject() ? doc.object().value(QStringLiteral("token")).toString()
                               : QString::fromUtf8(body).trimmed();
    }
    if (token.isEmpty() && !m_devSecret.isEmpty()) {
        qCInfo(lcClientSession) << "no dev token endpoint (HTTP" << status
                                << "); signing a dev token locally";
        token = QString::fromLatin1(mintDevToken(m_devUserId, m_devRole, m_devSecret.toUtf8(),
                                                 QDateTime::currentSecsSinceEpoch()));
    }
    m_devSecret.clear();
    if (token.isEmpty()) {
        setStage(SignedOut);
        if (reply->error() == QNetworkReply::ConnectionRefusedError
            || reply->error() == QNetworkReply::HostNotFoundError
            || reply->error() == QNetworkReply::OperationCanceledError
            || reply->error() == QNetworkReply::TimeoutError)
            setError(tr("Cannot reach the server at %1.").arg(m_pendingUrl.toString()));
        else
            setError(tr("This server does not hand out developer tokens. Start it with --dev, "
                        "or enter its developer secret."));
        return;
    }
    m_pendingToken = token;
    startConnection(m_pendingUrl, token);
}

void AppSession::restoreSession()
{
    if (m_stage != SignedOut || !m_settings->value(kKeyRemembered, false).toBool())
        return;
    const QString userId = m_settings->value(kKeyUserId).toString();
    const auto role = Protocol::roleFromName(m_settings->value(kKeyRole).toString());
    const QUrl url(lastServerUrl());
    if (!isValidUserId(userId) || !role || !url.isValid())
        return;
    auto conn = std::make_shared<QMetaObject::Connection>();
    *conn = connect(m_tokenStore, &TokenStore::tokenLoaded, this,
                    [this, conn, url, userId, role = *role](const QString &token) {
                        disconnect(*conn);
                        if (token.isEmpty() || m_stage != SignedOut)
                            return;
                        m_pendingUrl = url;
                        m_pendingToken = token;
                        m_pendingRemember = false; // already stored
                        // Offline-first: show the cached state now; the connection catches up.
                        enterUserState(userId, role);
                        setStage(SignedIn);
                        startConnection(url, token);
                    });
    m_tokenStore->loadToken();
}

void AppSession::onAuthenticated(const QString &userId, Role role)
{
    if (m_stage == SignedOut)
        return;
    if (m_stage == SignedIn && userId == m_userId && role == m_role)
        return; // a reconnect
    if (m_stage == SignedIn)
        leaveUserState(); // the token belonged to someone else than the cache said
    enterUserState(userId, role);
    m_settings->setValue(kKeyUserId, userId);
    m_settings->setValue(kKeyRole, Protocol::roleName(role));
    if (m_pendingRemember) {
        // Remembered once the store confirms; without a keychain only with the user's consent.
        m_tokenStore->setPlaintextFallbackAllowed(m_pendingAllowPlaintext);
        m_settings->setValue(kKeyPlaintext, m_pendingAllowPlaintext);
        m_savingToken = true;
        m_tokenStore->saveToken(m_pendingToken);
        m_pendingRemember = false;
    }
    m_pendingToken.clear();
    clearError();
    setStage(SignedIn);
    qCInfo(lcClientSession) << "signed in as" << userId << Protocol::roleName(role);
}

void AppSession::enterUserState(const QString &userId, Role role)
{
    m_userId = userId;
    m_role = role;
    const QString dir = userDirectory(userId);
    QDir().mkpath(dir);
    m_ride->setIdentity(userId, role);
    m_ride->setCacheFile(QDir(dir).filePath(QStringLiteral("ride.json")));
    m_chat->setUserId(userId);
    m_chat->setCacheDirectory(QDir(dir).filePath(QStringLiteral("chat")));
    if (m_ride->hasPartner())
        m_chat->setConversation(m_ride->matchId(), m_ride->partnerId());
    m_notifications->setCacheFile(QDir(dir).filePath(QStringLiteral("notifications.json")));
    m_notifications->refresh(); // no-op while offline or when already asked
    Q_EMIT identityChanged();
}

void AppSession::leaveUserState()
{
    m_ride->reset();
    m_history->clear();
    m_chat->setConversation({}, {});
    m_chat->setCacheDirectory({});
    m_notifications->setCacheFile({});
    m_userId.clear();
    Q_EMIT identityChanged();
}

void AppSession::onConnectionStateChanged()
{
    if (m_stage != SigningIn)
        return;
    const auto state = m_connection->state();
    if (state == ConnectionManager::Reconnecting || state == ConnectionManager::Offline)
        setError(tr("Cannot reach the server yet. Still trying…"));
}

void AppSession::cancelDevToken()
{
    // Cleared first: abort() emits finished() synchronously.
    if (QNetworkReply *reply = m_devTokenReply.data()) {
        m_devTokenReply.clear();
        reply->abort();
    }
    m_devSecret.clear();
}

QString AppSession::signedOutMessage(const QString &reason)
{
    // The reason is a close code or HTTP status name (ConnectionManager::signedOutByServer);
    // users get a sentence, the logs keep the code.
    if (reason == QLatin1String("http_401") || reason == QLatin1String("auth_failed"))
        return tr("The server did not accept your sign-in: the token is invalid or has "
                  "expired. Sign in again.");
    if (reason == QLatin1String("http_403") || reason == QLatin1String("forbidden"))
        return tr("This account may not use this server. Sign in with another account.");
    if (reason == QLatin1String("session_replaced"))
        return tr("You signed in on another device, so this one was signed out.");
    if (reason == QLatin1String("auth_timeout"))
        return tr("Signing in took too long. Try again.");
    return tr("The server ended the session. Sign in again.");
}

void AppSession::onSignedOutByServer(const QString &reason)
{
    qCInfo(lcClientSession) << "signed out by the server:" << reason;
    const bool wasSignedIn = m_stage == SignedIn;
    cancelDevToken();
    if (m_settings->value(kKeyRemembered, false).toBool()) {
        // A token the server refused will not work next time either.
        m_tokenStore->clearToken();
        m_settings->setValue(kKeyRemembered, false);
    }
    if (wasSignedIn)
        leaveUserState();
    setStage(SignedOut);
    setError(signedOutMessage(reason));
    Q_EMIT signedOutByServer(reason);
}

void AppSession::signOut()
{
    cancelDevToken();
    m_connection->close();
    if (m_settings->value(kKeyRemembered, false).toBool()) {
        m_tokenStore->clearToken();
        m_settings->setValue(kKeyRemembered, false);
    }
    m_pendingToken.clear();
    m_pendingRemember = false;
    if (!m_userId.isEmpty())
        leaveUserState();
    clearError();
    setStage(SignedOut);
}

void AppSession::suspend()
{
    if (m_stage != SignedOut)
        m_connection->suspend();
}

void AppSession::resume()
{
    if (m_stage != SignedOut)
        m_connection->resume();
}

} // namespace NebengJek::Client
