// SPDX-License-Identifier: MIT
#pragma once

#include <protocol/role.h>

#include <QObject>
#include <QPointer>
#include <QSettings>
#include <QUrl>
#include <QVariantMap>

#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace NebengJek::Client {

class ChatModel;
class ConnectionManager;
class NotificationModel;
class RideController;
class TokenStore;
class TripHistoryModel;

// Everything the app shows, for one signed-in user: the connection, the token store and the
// view models, wired together. Sign-in with a token or, against a `--dev` server, with a user
// id and a role. Per-user state (notifications, chats, the current ride, the offline queue)
// lives in <dataDirectory>/users/<user id>/.
class AppSession : public QObject
{
    Q_OBJECT
    Q_MOC_INCLUDE("models/chatmodel.h")
    Q_MOC_INCLUDE("connection/connectionmanager.h")
    Q_MOC_INCLUDE("models/notificationmodel.h")
    Q_MOC_INCLUDE("models/ridecontroller.h")
    Q_MOC_INCLUDE("storage/tokenstore.h")
    Q_MOC_INCLUDE("models/triphistorymodel.h")
    Q_PROPERTY(NebengJek::Client::ConnectionManager *connection READ connection CONSTANT)
    Q_PROPERTY(NebengJek::Client::RideController *ride READ ride CONSTANT)
    Q_PROPERTY(NebengJek::Client::NotificationModel *notifications READ notifications CONSTANT)
    Q_PROPERTY(NebengJek::Client::ChatModel *chat READ chat CONSTANT)
    Q_PROPERTY(NebengJek::Client::TripHistoryModel *history READ history CONSTANT)
    Q_PROPERTY(NebengJek::Client::TokenStore *tokenStore READ tokenStore CONSTANT)
    Q_PROPERTY(Stage stage READ stage NOTIFY stageChanged)
    Q_PROPERTY(bool signedIn READ signedIn NOTIFY stageChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY stageChanged)
    Q_PROPERTY(QString userId READ userId NOTIFY identityChanged)
    Q_PROPERTY(QString role READ roleName NOTIFY identityChanged)
    Q_PROPERTY(bool isDriver READ isDriver NOTIFY identityChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorStringChanged)
    // For the sign-in form: what was used last time.
    Q_PROPERTY(QString lastServerUrl READ lastServerUrl NOTIFY identityChanged)
    Q_PROPERTY(QString lastUserId READ lastUserId NOTIFY identityChanged)
    Q_PROPERTY(QString lastRole READ lastRole NOTIFY identityChanged)
    Q_PROPERTY(bool keychainAvailable READ keychainAvailable NOTIFY keychainAvailableChanged)
    // Set by the app from the window/application state.
    Q_PROPERTY(bool applicationActive READ applicationActive WRITE setApplicationActive NOTIFY
                       applicationActiveChanged)
public:
    enum Stage {
        SignedOut,
        SigningIn, // waiting for the first auth_success (or a dev token)
        SignedIn,
    };
    Q_ENUM(Stage)

    static constexpr const char *kDefaultServerUrl = "ws://127.0.0.1:8080/ws";
    // A dev token endpoint that does not answer within this is treated as absent.
    static constexpr int kDevTokenTimeoutMs = 5000;
    // Long enough for a demo or a test run, short enough that a leaked dev token dies soon.
    static constexpr qint64 kDevTokenLifetimeSeconds = 12 * 3600;
    // The development token the app signs itself when the server has no /dev/token but the
    // user typed the dev secret: the server's dev defaults (iss nebengjek, aud
    // nebengjek-realtime), shared/devtoken's HS256.
    // What the sign-in form says when the server ended the session for `reason`.
    static QString signedOutMessage(const QString &reason);
    static QByteArray mintDevToken(const QString &userId, Protocol::Role role,
                                   const QByteArray &secret, qint64 nowSeconds,
                                   qint64 lifetimeSeconds = kDevTokenLifetimeSeconds);

    // `dataDirectory` empty: the platform's app data location.
    explicit AppSession(const QString &dataDirectory = {}, QObject *parent = nullptr);
    ~AppSession() override;

    ConnectionManager *connection() const;
    RideController *ride() const { return m_ride; }
    NotificationModel *notifications() const { return m_notifications; }
    TripHistoryModel *history() const { return m_history; }
    ChatModel *chat() const { return m_chat; }
    TokenStore *tokenStore() const { return m_tokenStore; }

    Stage stage() const { return m_stage; }
    bool signedIn() const { return m_stage == SignedIn; }
    bool busy() const { return m_stage == SigningIn; }
    QString userId() const { return m_userId; }
    Protocol::Role role() const { return m_role; }
    QString roleName() const;
    bool isDriver() const { return m_role == Protocol::Role::Driver; }
    QString errorString() const { return m_errorString; }
    QString lastServerUrl() const;
    QString lastUserId() const;
    QString lastRole() const;
    bool keychainAvailable() const;
    bool applicationActive() const { return m_applicationActive; }
    void setApplicationActive(bool active);
    QString dataDirectory() const { return m_dataDir; }

    // Signs in with a token. `remember` keeps it in the keychain; `allowPlaintext` allows the
    // plain-text file when there is no keychain (the user's explicit choice).
    Q_INVOKABLE void signIn(const QString &serverUrl, const QString &token, bool remember = false,
                            bool allowPlaintext = false);
    // Development servers: asks the server's /dev/token endpoint for a token for `userId` as
    // `role` ("driver" or "passenger"); if it has none and `devSecret` is given, signs a token
    // locally with that secret (the server's --dev HS256 secret).
    Q_INVOKABLE void devSignIn(const QString &serverUrl, const QString &userId, const QString &role,
                               const QString &devSecret = {}, bool remember = false,
                               bool allowPlaintext = false);
    // Profile claims the next devSignIn asks /dev/token for: {"name", "vehicle", "plate"} (what
    // the partner's card shows; a real account service puts them in the token).
    Q_INVOKABLE void setDevProfile(const QVariantMap &profile) { m_devProfile = profile; }
    // Signs in with the remembered token, if any (start-up). Shows the last user's cached
    // state at once, offline-first, while connecting.
    Q_INVOKABLE void restoreSession();
    Q_INVOKABLE void signOut();
    // App moved to the background / foreground (mobile): pause and resume the connection.
    Q_INVOKABLE void suspend();
    Q_INVOKABLE void resume();
    Q_INVOKABLE void clearError();
    // "ws://host:port/ws" from what a user typed ("host:port", "http://...").
    Q_INVOKABLE static QString normalizeServerUrl(const QString &input);

Q_SIGNALS:
    void stageChanged();
    void identityChanged();
    void errorStringChanged();
    void keychainAvailableChanged();
    void applicationActiveChanged();
    // The server ended the session (bad token, replaced by another device...).
    void signedOutByServer(const QString &reason);
    // Something the user should know that is not an error of the current screen.
    void notice(const QString &message);

private:
    void setStage(Stage stage);
    void setError(const QString &message);
    void onAuthenticated(const QString &userId, Protocol::Role role);
    void onConnectionStateChanged();
    void onSignedOutByServer(const QString &reason);
    void onDevTokenReply(QNetworkReply *reply);
    void cancelDevToken();
    void enterUserState(const QString &userId, Protocol::Role role);
    void leaveUserState();
    void startConnection(const QUrl &url, const QString &token);
    QString userDirectory(const QString &userId) const;

    QString m_dataDir;
    std::unique_ptr<QSettings> m_settings;
    ConnectionManager *m_connection = nullptr;
    TokenStore *m_tokenStore = nullptr;
    RideController *m_ride = nullptr;
    NotificationModel *m_notifications = nullptr;
    TripHistoryModel *m_history = nullptr;
    ChatModel *m_chat = nullptr;
    QNetworkAccessManager *m_network = nullptr;
    QPointer<QNetworkReply> m_devTokenReply;
    Stage m_stage = SignedOut;
    QVariantMap m_devProfile;
    QString m_userId;
    Protocol::Role m_role = Protocol::Role::Passenger;
    QString m_errorString;
    bool m_applicationActive = true;
    // Sign-in in progress: what to do once it succeeds.
    QUrl m_pendingUrl;
    QString m_pendingToken;
    bool m_pendingRemember = false;
    bool m_pendingAllowPlaintext = false;
    bool m_savingToken = false;
    QString m_devUserId;
    Protocol::Role m_devRole = Protocol::Role::Passenger;
    QString m_devSecret;
};

} // namespace NebengJek::Client
