// SPDX-License-Identifier: MIT
// Placeholder until storage lands.
#include "storage.h"

namespace NebengJek::Server {

class Storage::Private
{
};

Storage::Storage() : d(std::make_unique<Private>()) { }
Storage::~Storage() = default;

std::unique_ptr<Storage> Storage::open(const QString &, QString *)
{
    return std::unique_ptr<Storage>(new Storage);
}

bool Storage::isHealthy() const
{
    return true;
}

void Storage::flush() { }

} // namespace NebengJek::Server
