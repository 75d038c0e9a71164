// SPDX-License-Identifier: MIT
#include "role.h"

namespace NebengJek::Protocol {

QString roleName(Role role)
{
    return role == Role::Driver ? QStringLiteral("driver") : QStringLiteral("passenger");
}

std::optional<Role> roleFromName(QStringView name)
{
    if (name == QLatin1String("driver"))
        return Role::Driver;
    if (name == QLatin1String("passenger"))
        return Role::Passenger;
    return std::nullopt;
}

} // namespace NebengJek::Protocol
