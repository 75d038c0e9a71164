// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace NebengJek::Protocol {

enum class Role { Driver, Passenger };

QString roleName(Role role);
std::optional<Role> roleFromName(QStringView name);

} // namespace NebengJek::Protocol
