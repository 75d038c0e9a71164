// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <functional>

namespace NebengJek::Client {
class AppSession;
namespace Demo {
class DemoBot;
class FakeServer;
} // namespace Demo
} // namespace NebengJek::Client

namespace NebengJek::App {

// Demo mode: runs the app against an in-process FakeServer with a DemoBot as the other party,
// and can drive the session to a named scene (for screenshots and walkthroughs) with sample
// data. The app code paths are the real ones: sign-in, connection, models, QML.
class DemoDirector : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString scene; // empty: interactive demo
        QString role = QStringLiteral("passenger");
        QString language = QStringLiteral("en");
    };

    DemoDirector(Client::AppSession *session, const Options &options, QObject *parent = nullptr);
    ~DemoDirector() override;

    // Every scene name with a one-line description, for --help.
    static QStringList scenes();
    // The role a scene needs ("driver"/"passenger"), or "" if any role goes.
    static QString roleForScene(const QString &scene);
    // The panel the window opens for a scene ("notifications", "chat" or "").
    static QString panelForScene(const QString &scene);

    bool start();
    Client::Demo::FakeServer *server() const { return m_server; }
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
    Client::Demo::FakeServer *m_server = nullptr;
    Client::Demo::DemoBot *m_bot = nullptr;
    QTimer m_poll;
    std::function<bool()> m_condition;
    std::function<void()> m_next;
    int m_settleMs = 0;
    int m_pollsLeft = 0;
};

} // namespace NebengJek::App
