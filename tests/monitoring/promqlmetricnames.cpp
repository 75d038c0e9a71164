// SPDX-License-Identifier: MIT
#include "promqlmetricnames.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

namespace MonitoringCheck {

namespace {

bool isIdentStart(QChar c)
{
    return c.isLetter() || c == QLatin1Char('_') || c == QLatin1Char(':');
}

bool isIdentChar(QChar c)
{
    return isIdentStart(c) || c.isDigit();
}

// Index just past the bracket that closes the one at `open`, skipping quoted strings.
qsizetype skipBalanced(const QString &s, qsizetype open, QChar openCh, QChar closeCh)
{
    int depth = 0;
    for (qsizetype i = open; i < s.size(); ++i) {
        const QChar c = s.at(i);
        if (c == QLatin1Char('"') || c == QLatin1Char('\'') || c == QLatin1Char('`')) {
            for (++i; i < s.size() && s.at(i) != c; ++i) {
                if (s.at(i) == QLatin1Char('\\'))
                    ++i;
            }
            continue;
        }
        if (c == openCh)
            ++depth;
        else if (c == closeCh && --depth == 0)
            return i + 1;
    }
    return s.size();
}

qsizetype skipSpaces(const QString &s, qsizetype i)
{
    while (i < s.size() && s.at(i).isSpace())
        ++i;
    return i;
}

const QSet<QString> &keywords()
{
    static const QSet<QString> k = {
            QStringLiteral("and"),        QStringLiteral("or"),          QStringLiteral("unless"),
            QStringLiteral("bool"),       QStringLiteral("offset"),      QStringLiteral("by"),
            QStringLiteral("without"),    QStringLiteral("on"),          QStringLiteral("ignoring"),
            QStringLiteral("group_left"), QStringLiteral("group_right"), QStringLiteral("inf"),
            QStringLiteral("nan"),        QStringLiteral("atan2"),
    };
    return k;
}

bool isAggregation(const QString &word)
{
    static const QSet<QString> a = {
            QStringLiteral("sum"),    QStringLiteral("min"),     QStringLiteral("max"),
            QStringLiteral("avg"),    QStringLiteral("group"),   QStringLiteral("stddev"),
            QStringLiteral("stdvar"), QStringLiteral("count"),   QStringLiteral("count_values"),
            QStringLiteral("topk"),   QStringLiteral("bottomk"), QStringLiteral("quantile"),
    };
    return a.contains(word);
}

// Keywords followed by a parenthesised list of label names.
bool takesLabelList(const QString &word)
{
    return word == QLatin1String("by") || word == QLatin1String("without")
            || word == QLatin1String("on") || word == QLatin1String("ignoring")
            || word == QLatin1String("group_left") || word == QLatin1String("group_right");
}

} // namespace

QSet<QString> metricNamesIn(const QString &input)
{
    QSet<QString> names;
    QString expr = input.trimmed();
    // Grafana's label_values(metric{...}, label) / label_values(label): only the selector part.
    static const QRegularExpression labelValues(QStringLiteral("^label_values\\s*\\((.*)\\)$"),
                                                QRegularExpression::DotMatchesEverythingOption);
    if (const auto m = labelValues.match(expr); m.hasMatch()) {
        const QString inner = m.captured(1);
        const qsizetype brace = inner.indexOf(QLatin1Char('{'));
        const qsizetype comma = inner.lastIndexOf(QLatin1Char(','));
        if (comma < 0 || (brace >= 0 && comma < brace))
            return names; // label_values(label): no metric
        expr = inner.left(comma);
    }

    qsizetype i = 0;
    while (i < expr.size()) {
        const QChar c = expr.at(i);
        if (c == QLatin1Char('"') || c == QLatin1Char('\'') || c == QLatin1Char('`')) {
            for (++i; i < expr.size() && expr.at(i) != c; ++i) {
                if (expr.at(i) == QLatin1Char('\\'))
                    ++i;
            }
            ++i;
        } else if (c == QLatin1Char('{')) {
            i = skipBalanced(expr, i, QLatin1Char('{'), QLatin1Char('}'));
        } else if (c == QLatin1Char('[')) {
            i = skipBalanced(expr, i, QLatin1Char('['), QLatin1Char(']'));
        } else if (c == QLatin1Char('#')) { // comment to the end of the line
            while (i < expr.size() && expr.at(i) != QLatin1Char('\n'))
                ++i;
        } else if (c == QLatin1Char('$')) { // Grafana variable: $name or ${name}
            ++i;
            if (i < expr.size() && expr.at(i) == QLatin1Char('{'))
                i = skipBalanced(expr, i, QLatin1Char('{'), QLatin1Char('}'));
            else
                while (i < expr.size() && isIdentChar(expr.at(i)))
                    ++i;
        } else if (c.isDigit()
                   || (c == QLatin1Char('.') && i + 1 < expr.size() && expr.at(i + 1).isDigit())) {
            // Numbers, 1e3, 0x1f, durations such as 5m or 1h30m.
            while (i < expr.size()
                   && (expr.at(i).isLetterOrNumber() || expr.at(i) == QLatin1Char('.')))
                ++i;
        } else if (isIdentStart(c)) {
            const qsizetype start = i;
            while (i < expr.size() && isIdentChar(expr.at(i)))
                ++i;
            const QString word = expr.mid(start, i - start);
            const qsizetype next = skipSpaces(expr, i);
            bool call = next < expr.size() && expr.at(next) == QLatin1Char('(');
            if (!call && isAggregation(word)) { // `sum by (x) (...)`
                const QString rest = expr.mid(next, 8);
                call = rest.startsWith(QLatin1String("by"))
                        || rest.startsWith(QLatin1String("without"));
            }
            if (takesLabelList(word)) {
                if (call)
                    i = skipBalanced(expr, next, QLatin1Char('('), QLatin1Char(')'));
            } else if (!call && !keywords().contains(word.toLower())) {
                names.insert(word);
            }
        } else {
            ++i;
        }
    }
    return names;
}

QSet<QString> exportedNames(const QByteArray &exposition)
{
    QSet<QString> names;
    const QList<QByteArray> lines = exposition.split('\n');
    for (const QByteArray &raw : lines) {
        const QByteArray line = raw.trimmed();
        if (line.isEmpty())
            continue;
        if (line.startsWith("# TYPE ")) {
            const QList<QByteArray> parts = line.mid(7).split(' ');
            if (parts.size() < 2)
                continue;
            const QString name = QString::fromUtf8(parts.at(0));
            names.insert(name);
            if (parts.at(1) == "histogram") {
                for (const char *suffix : {"_bucket", "_sum", "_count"})
                    names.insert(name + QLatin1String(suffix));
            } else if (parts.at(1) == "summary") {
                for (const char *suffix : {"_sum", "_count"})
                    names.insert(name + QLatin1String(suffix));
            }
            continue;
        }
        if (line.startsWith('#'))
            continue;
        qsizetype end = 0;
        while (end < line.size() && line.at(end) != '{' && line.at(end) != ' ')
            ++end;
        names.insert(QString::fromUtf8(line.left(end)));
    }
    return names;
}

QStringList ruleExpressions(const QByteArray &yaml)
{
    QStringList exprs;
    const QStringList lines = QString::fromUtf8(yaml).split(QLatin1Char('\n'));
    static const QRegularExpression exprLine(QStringLiteral("^(\\s*)(?:-\\s+)?expr:\\s*(.*)$"));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const auto m = exprLine.match(lines.at(i));
        if (!m.hasMatch())
            continue;
        const qsizetype indent = m.captured(1).size();
        QString value = m.captured(2).trimmed();
        if (value.startsWith(QLatin1Char('|')) || value.startsWith(QLatin1Char('>'))) {
            // A block scalar: every following line indented deeper than `expr:`.
            QStringList block;
            while (i + 1 < lines.size()) {
                const QString &next = lines.at(i + 1);
                qsizetype nextIndent = 0;
                while (nextIndent < next.size() && next.at(nextIndent) == QLatin1Char(' '))
                    ++nextIndent;
                if (nextIndent < next.size() && nextIndent <= indent)
                    break; // a non-blank line back at (or left of) the key
                block.append(next.trimmed());
                ++i;
            }
            value = block.join(QLatin1Char(' '));
        } else if ((value.startsWith(QLatin1Char('"')) && value.endsWith(QLatin1Char('"')))
                   || (value.startsWith(QLatin1Char('\'')) && value.endsWith(QLatin1Char('\'')))) {
            value = value.mid(1, value.size() - 2);
        }
        exprs.append(value);
    }
    return exprs;
}

QStringList dashboardExpressions(const QJsonValue &node)
{
    QStringList exprs;
    if (node.isArray()) {
        for (const QJsonValue &v : node.toArray())
            exprs += dashboardExpressions(v);
    } else if (node.isObject()) {
        const QJsonObject o = node.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (it.key() == QLatin1String("expr") && it.value().isString())
                exprs.append(it.value().toString());
            else if (it.key() == QLatin1String("query") && it.value().isString()
                     && o.value(QStringLiteral("type")).toString() == QLatin1String("query"))
                exprs.append(it.value().toString()); // templating variable, old form
            else if (it.key() == QLatin1String("query") && it.value().isObject())
                exprs.append(it.value().toObject().value(QStringLiteral("query")).toString());
            else
                exprs += dashboardExpressions(it.value());
        }
    }
    return exprs;
}

} // namespace MonitoringCheck
