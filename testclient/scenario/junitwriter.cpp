// SPDX-License-Identifier: MIT
#include "junitwriter.h"

#include <QFile>
#include <QXmlStreamWriter>

namespace NebengJek::TestClient {

namespace {
QString seconds(qint64 ms)
{
    return QString::number(double(ms) / 1000.0, 'f', 3);
}
} // namespace

bool JUnitWriter::write(const QString &path, const QList<ScenarioResult> &results, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = file.errorString();
        return false;
    }
    QXmlStreamWriter xml(&file);
    xml.setAutoFormatting(true);
    xml.writeStartDocument();
    xml.writeStartElement(QStringLiteral("testsuites"));
    for (const ScenarioResult &r : results) {
        xml.writeStartElement(QStringLiteral("testsuite"));
        xml.writeAttribute(QStringLiteral("name"), r.name);
        xml.writeAttribute(QStringLiteral("file"), r.file);
        xml.writeAttribute(QStringLiteral("tests"), QString::number(r.steps.size()));
        xml.writeAttribute(QStringLiteral("failures"),
                           QString::number(r.count(StepResult::Outcome::Failed)));
        xml.writeAttribute(QStringLiteral("skipped"),
                           QString::number(r.count(StepResult::Outcome::Skipped)));
        xml.writeAttribute(QStringLiteral("time"), seconds(r.durationMs));
        for (const StepResult &s : r.steps) {
            xml.writeStartElement(QStringLiteral("testcase"));
            xml.writeAttribute(QStringLiteral("classname"), QStringLiteral("scenario.") + r.name);
            xml.writeAttribute(
                    QStringLiteral("name"),
                    QStringLiteral("%1 %2").arg(s.index, 3, 10, QLatin1Char('0')).arg(s.name));
            xml.writeAttribute(QStringLiteral("time"), seconds(s.durationMs));
            if (s.outcome == StepResult::Outcome::Failed) {
                xml.writeStartElement(QStringLiteral("failure"));
                xml.writeAttribute(QStringLiteral("message"),
                                   s.failure.section(QLatin1Char('\n'), 0, 0));
                xml.writeCharacters(s.failure);
                xml.writeEndElement();
            } else if (s.outcome == StepResult::Outcome::Skipped) {
                xml.writeEmptyElement(QStringLiteral("skipped"));
                xml.writeAttribute(QStringLiteral("message"),
                                   QStringLiteral("an earlier step failed"));
            }
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeEndDocument();
    if (xml.hasError()) {
        *error = QStringLiteral("could not write XML");
        return false;
    }
    return true;
}

} // namespace NebengJek::TestClient
