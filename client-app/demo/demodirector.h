// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>
#include <QUrl>
#include <QVariantMap>

#include <functional>

namespace NebengJek::Client {
class AppSession;
} // namespace NebengJek::Client

namespace NebengJek::Demo {

class DemoPartner;
class DemoServer;

// Demo mode: runs the app against the real server (in-process on an in-memory database, or a
// running `nebengjek-server --dev`) with a DemoPartner as the other party, and can drive the
// session to a named scene (screenshots, walkthroughs). Every code path is the real one:
// sign-in, connection, hub, view models, QML.
class DemoDirector : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString scene; // empty: interactive demo
        QString role = QStringLiteral("passenger");
        QString language = QStringLiteral("en");
        QUrl serverUrl; // empty: the real hub in-process
    };

    DemoDirector(Client::AppSession *session, const Options &options, QObject *parent = nullptr);
    ~DemoDirector() override;

    // Every scene name with a one-line description, for --help.
    static QStringList scenes();
    // The role a scene needs ("driver"/"passenger"), or "" if any role goes.
    static QString roleForScene(const QString &scene);
    // The demo users' names and vehicles (dev token claims: what the partner's card shows).
    static QVariantMap profileOf(const QString &userId);
    // The panel the window opens for a scene ("notifications", "chat" or "").
    static QString panelForScene(const QString &scene);

    bool start();
    QUrl serverUrl() const;
    QString userId() const;

Q_SIGNALS:
    // The scene has reached its state; a screenshot may be taken.
    void ready();

private:
    void whenSignedIn();
    // Polls `condition` until true, then runs `next` after `settleMs`. Gives up after a while
    // (the scene is then reported ready as it is, with a warning).
    void waitFor(std::function<bool()> condition, int settleMs, std::function<void()> next);

    QPointer<Client::AppSession> m_session;
    Options m_options;
    DemoServer *m_server = nullptr;
    DemoPartner *m_partner = nullptr;
    QTimer m_poll;
    std::function<bool()> m_condition;
    std::function<void()> m_next;
    int m_settleMs = 0;
    int m_pollsLeft = 0;
};

} // namespace NebengJek::Demo
