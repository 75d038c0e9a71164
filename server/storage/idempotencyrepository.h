// SPDX-License-Identifier: MIT
#pragma once

#include "records.h"

namespace NebengJek::Server {

class SqlConnection;

// Answers to client requests by (user, request id), so a retry gets the original answer.
class IdempotencyRepository
{
public:
    explicit IdempotencyRepository(SqlConnection &connection)
        : m_connection(connection)
    { }

    bool insert(const QString &userId, const IdempotencyRecord &record, qint64 createdAt);
    StorageResult<std::optional<IdempotencyRecord>> find(const QString &userId,
                                                         const QString &requestId);
    // Keeps only the user's newest `keep` answers.
    bool prune(const QString &userId, int keep);

private:
    SqlConnection &m_connection;
};

} // namespace NebengJek::Server
