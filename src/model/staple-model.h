/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "staple-enums.h"
#include "staple-enum-types.h"

#include "staple-action.h"
#include "staple-catalogue.h"
#include "staple-compare.h"
#include "staple-duration.h"
#include "staple-empowerment.h"
#include "staple-friction.h"
#include "staple-participant.h"
#include "staple-session.h"
#include "staple-session-json.h"
#include "staple-session-summary.h"
#include "staple-stage.h"
#include "staple-review.h"
#include "staple-summary.h"
#include "staple-templates.h"
#include "staple-vote.h"
