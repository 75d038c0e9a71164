// SPDX-License-Identifier: MIT
#include "configfile.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>

namespace NebengJek::Server {

bool readConfigFile(const QString &path, QHash<QString, QString> *values, QString *error)
{
    if (!QFileInfo::exists(path)) {
        *error = QStringLiteral("config file %1 does not exist").arg(path);
        return false;
    }
    auto normalize = [](QString key) {
        return key.trimmed().replace(QLatin1Char('_'), QLatin1Char('-'));
    };
    if (path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive)) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read %1: %2").arg(path, f.errorString());
            return false;
        }
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(f.read(1024 * 1024), &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
            *error = QStringLiteral("%1 is not a JSON object (%2)")
                             .arg(path, parseError.errorString());
            return false;
        }
        const QJsonObject o = doc.object();
        for (auto it = o.begin(); it != o.end(); ++it) {
            QString v;
            if (it->isString())
                v = it->toString();
            else if (it->isBool())
                v = it->toBool() ? QStringLiteral("true") : QStringLiteral("false");
            else if (it->isDouble())
                v = QString::number(it->toDouble(), 'g', 15);
            else if (it->isArray()) {
                QStringList parts;
                const QJsonArray a = it->toArray();
                for (const QJsonValue &e : a)
                    parts << e.toVariant().toString();
                v = parts.join(QLatin1Char(','));
            } else {
                *error = QStringLiteral("%1: unsupported value for %2").arg(path, it.key());
                return false;
            }
            values->insert(normalize(it.key()), v);
        }
        return true;
    }
    QSettings ini(path, QSettings::IniFormat);
    if (ini.status() != QSettings::NoError) {
        *error = QStringLiteral("%1 is not a valid INI file").arg(path);
        return false;
    }
    const QStringList keys = ini.allKeys();
    for (const QString &key : keys) {
        const QVariant v = ini.value(key);
        const QString text = v.userType() == QMetaType::QStringList
                ? v.toStringList().join(QLatin1Char(','))
                : v.toString();
        values->insert(normalize(key.startsWith(QLatin1String("General/")) ? key.mid(8) : key),
                       text);
    }
    return true;
}

} // namespace NebengJek::Server
