// SPDX-License-Identifier: MIT
// Every message struct of the protocol. See docs/protocol.md.
#pragma once

#include "envelope.h"
#include "messages/authmessages.h"
#include "messages/chatmessages.h"
#include "messages/deliverymessages.h"
#include "messages/notificationmessages.h"
#include "messages/presencemessages.h"
#include "messages/ridefeaturemessages.h"
#include "messages/ridemessages.h"
#include "messages/roommessages.h"
