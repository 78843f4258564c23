// World changes made "by someone working in Basecamp": the scenario format's `basecamp:` steps.
//
// An event is JSON {"event": NAME, ...the step's map...}, e.g.
//   {"event":"assign","todo":"copy","to":["bob"]}
// Events and their fields:
//   assign {todo, to: [person keys]}      replaces the assignees
//   complete {todo, by?: person}          uncomplete {todo}
//   trash {todo}                          archive {todo | todolist | project}
//   rename {todo, title}                  add_todo {list, key, title, assignees?, due_on?,
//                                                   starts_on?, description?}
//   remove_from_project {person, project}
//   password_changed {identity}           bumps credentials_epoch
//   revoke_access {identity, client}      marks that identity's grants for that client revoked
//   remove_identity {identity}            removed = true, its people leave every account
//   account_inactive {account}            api_disabled {account}
//   add_account {key, name, product?, id?, people: {...}, projects: {...}}  (a world account)
// Keys name world entries (to-do, list, project keys are unique across the world).
// An unknown event, field or key gives InvalidArgument naming it, and the world is unchanged.
// Changes set updated_at = now on what they touch (and its list/project), so ETags change.
//
// Thread safety: the caller holds the world lock exclusively.
#pragma once

#include <nlohmann/json.hpp>

#include "bcsim/status.h"
#include "bcsim/world.h"

namespace bcsim {

Status ApplyEvent(World& world, const nlohmann::json& event, Millis now);

}  // namespace bcsim
