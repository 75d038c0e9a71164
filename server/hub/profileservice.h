// SPDX-License-Identifier: MIT
#pragma once

#include "outcome.h"

#include <protocol/messages/ridefeaturemessages.h>
#include <storage/profilerepository.h>

#include <QHash>

namespace NebengJek::Server {

struct Principal;
class Storage;
class UnitOfWork;

// The parties' cards and what riders leave behind: profiles (the token's display claims,
// stored so the partner's card works while that user is offline), ratings after a completed
// ride, and the trip history. See docs/hub.md "Profiles, ratings and history".
class ProfileService
{
public:
    explicit ProfileService(Storage &storage);

    // A user connected: stores their display claims when they differ from what this node last
    // stored (a token without claims leaves the stored profile alone).
    void remember(const Principal &principal);
    // Cards of these users: stored profile and rating; a user without a row gets just the id.
    // Empty on storage failure (cards are decoration: the caller goes on without them).
    QHash<QString, Protocol::Profile> profilesOf(const QStringList &userIds);

    Outcome rate(const Caller &caller, UnitOfWork &uow, const Protocol::RideRate &message);
    Outcome history(const Caller &caller, const Protocol::RideHistoryRequest &request);

private:
    Storage &m_storage;
    ProfileRepository m_repository;
    QHash<QString, ProfileRecord> m_stored; // what this node last wrote per user
};

} // namespace NebengJek::Server
