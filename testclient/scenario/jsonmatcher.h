// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonValue>
#include <QList>
#include <QString>

namespace NebengJek::TestClient {

// One difference between an expected pattern and an actual message, at a dotted path
// ("payload.pickup.lat", "payload.items[0].id").
struct JsonMismatch
{
    QString path;
    QString expected; // what the pattern asked for, readable
    QString actual; // what was there, readable ("(absent)" when missing)
};

// Matches a scenario's expectation against a received message. Objects match as subsets (keys
// the pattern does not name are ignored, so a scenario survives fields the server adds);
// arrays match element by element; numbers compare by value. Strings beginning with '$' and
// objects with '$' keys are matchers:
//   "$any" present with any value      "$absent" key must not be present
//   "$string" "$number" "$bool" "$object" "$array" "$null"   type checks
//   "$nonempty" a non-empty string, array or object
//   {"$regex": "^ride-"}   {"$gt": 0} {"$gte": 0} {"$lt": 10} {"$lte": 10} (combinable)
//   {"$in": ["accepted", "rejected"]}   {"$contains": x} (array element matching x / substring)
//   {"$len": 3}   {"$not": pattern}
class JsonMatcher
{
public:
    static QList<JsonMismatch> compare(const QJsonValue &expected, const QJsonValue &actual,
                                       const QString &path = {});
    static bool matches(const QJsonValue &expected, const QJsonValue &actual)
    {
        return compare(expected, actual).isEmpty();
    }

private:
    static bool isOperatorObject(const QJsonValue &value);
    static void compareInto(const QJsonValue &expected, const QJsonValue &actual,
                            const QString &path, QList<JsonMismatch> &out);
    static void compareOperators(const QJsonObject &ops, const QJsonValue &actual,
                                 const QString &path, QList<JsonMismatch> &out);
    static bool compareKeyword(const QString &keyword, const QJsonValue &actual);
};

} // namespace NebengJek::TestClient
