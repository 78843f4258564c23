// What a webhook is sent (api-facts.md §3.9): for each recorded event (Project::events) that a
// project's active webhooks subscribe to, a WebhookEvent payload {id, kind, details,
// created_at, recording, creator} queued on each of them (Webhook::queue). The delivery engine
// (server/webhook_delivery.h) sends the queues; this only fills them.
//
// Thread safety: the caller holds the world lock exclusively.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <string_view>

#include "bcsim/world.h"

namespace bcsim {

// A webhook keeps at most this many deliveries waiting; newer ones are dropped (and counted in
// Webhook::dropped) while it is full.
inline constexpr std::size_t kWebhookQueueLimit = 1000;
// A payload over this many bytes is sent without its recording's `content`.
inline constexpr std::size_t kWebhookPayloadCap = 64 * 1024;

// The recording types a webhook can subscribe to (bc3-api sections/webhooks.md).
const std::set<std::string>& WebhookTypes();
// A payload_url Basecamp takes: https; the simulator also takes plain http to a loopback
// host, where the tracker under test and test receivers listen.
bool ValidWebhookUrl(const std::string& url);

// The payload `kind` of an event: "<type>_<action>" with the type in snake case
// ("todo_created", "todo_assignment_changed", "kanban_card_trashed", "comment_created"), the
// event actions renamed as Basecamp names them (title_changed -> title_updated,
// content_changed -> content_updated). "" for events no webhook receives (a parent's
// comment_created, which its comment's own "created" event reports).
std::string WebhookKind(std::string_view type, std::string_view action);

// Whether a webhook with these `types` (empty: all) receives events of recordings of `type`.
bool WebhookWants(const Webhook& w, std::string_view type);

// Queues the payloads of every event recorded since the last call (world.events_pending) on
// the matching active webhooks of its project, then marks the events offered. `origin` builds
// the payloads' urls ("http://127.0.0.1:PORT"). Returns how many deliveries were queued.
std::size_t QueueWebhookDeliveries(World& world, const std::string& origin, Millis now);

// Marks every event recorded so far as offered, queueing nothing (after a load: the world's
// history is not delivered).
void MarkEventsOffered(World& world);

}  // namespace bcsim
