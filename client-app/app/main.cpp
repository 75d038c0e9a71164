// SPDX-License-Identifier: MIT
// nebengjek-app: the app. Everything but the application object is in runApp() (appstartup),
// which the demo build (client-app/demo) shares.
#include "appstartup.h"

#include <QGuiApplication>

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("nebengjek-app"));
    QGuiApplication::setOrganizationName(QStringLiteral("NebengJek"));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("NebengJek"));
    QGuiApplication::setApplicationVersion(QStringLiteral(NEBENGJEK_VERSION));
    return NebengJek::App::runApp(app);
}
