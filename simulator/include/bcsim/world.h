// The simulated Basecamp world: Launchpad identities, OAuth clients, accounts with their people,
// projects, to-do sets, lists, groups and to-dos, plus the OAuth grants issued so far.
//
// A World is plain data. It is owned by the Simulator, which guards it with one
// std::shared_mutex: readers (GET handlers, the journal) take it shared, anything that mutates
// (OAuth, events, writes, loads) takes it exclusively. Nothing in this header locks.
//
// Keys are the names used in the scenario file (`alice`, `acme`, `website`); ids are the
// numeric ids Basecamp would show. Ids not given in the file are derived from the key by a
// stable hash (see StableId), so the same file always yields the same ids.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

namespace bcsim {

using Id = std::int64_t;
using Millis = std::int64_t;  // milliseconds since the Unix epoch, on the simulator's clock

// A recording's publication state. (Named RecordingStatus: bcsim::Status is the error type.)
enum class RecordingStatus { kActive, kArchived, kTrashed };

struct Identity {  // a Launchpad login ("Basecamp ID")
  std::string key;
  Id id = 0;
  std::string email;
  std::string password;
  std::string first_name;
  std::string last_name;
  bool removed = false;         // removed from every account: refresh says "Unknown Basecamp ID."
  std::int64_t credentials_epoch = 0;  // bumped by a password change; older grants die
};

struct OAuthClient {  // an application registered at Launchpad
  std::string key;
  std::string client_id;
  std::string client_secret;
  std::vector<std::string> redirect_uris;  // exact match; "{tracker}" already substituted
  std::string name;                        // shown on the consent page
  bool rotate_refresh_token = true;        // false: refresh responses omit refresh_token
};

struct Person {  // a person in one account, linked to an identity
  std::string key;
  Id id = 0;
  std::string identity;  // Identity key
  std::string name;      // "First Last" of the identity unless given
  std::string email;     // the identity's email unless given (may differ: that is a real case)
  bool admin = false;
  bool owner = false;
  bool client = false;
  bool can_access_timesheet = true;
  std::string time_zone = "Etc/UTC";
  // Profile and preferences (PUT my/profile.json, my/preferences.json).
  std::string title, bio, location;
  std::string first_week_day = "Sunday";    // FirstWeekDay: Sunday .. Saturday
  std::string time_format = "twelve_hour";  // twelve_hour | twenty_four_hour
  // Out of office (people/{id}/out_of_office.json): both dates set when enabled.
  std::optional<std::string> out_of_office_start, out_of_office_end;  // YYYY-MM-DD
};

struct Todo {
  std::string key;  // may be empty: to-dos need no key
  Id id = 0;
  std::string title;
  std::string description;  // HTML, "" when empty
  std::vector<std::string> assignees;  // Person keys
  bool completed = false;
  std::optional<Millis> completed_at;
  std::string completed_by;  // Person key
  RecordingStatus status = RecordingStatus::kActive;
  std::optional<std::string> due_on;     // YYYY-MM-DD
  std::optional<std::string> starts_on;  // YYYY-MM-DD
  std::string creator;                   // Person key; the account's first admin when not given
  Millis created_at = 0;
  Millis updated_at = 0;
  int position = 0;
};

struct Todolist {  // a to-do list, or a group inside one (is_group)
  std::string key;
  Id id = 0;
  std::string name;
  std::string description;
  RecordingStatus status = RecordingStatus::kActive;
  bool is_group = false;
  std::vector<Todo> todos;
  std::vector<Todolist> groups;  // one level deep: groups have no groups
  Millis created_at = 0;
  Millis updated_at = 0;
  int position = 0;
};

struct Todoset {  // a to-do set in the project's dock; a project may have several
  std::string key;
  Id id = 0;
  std::string title = "To-dos";
  bool enabled = true;
  std::vector<Todolist> todolists;
  std::vector<Id> hill_tracked;  // lists shown on its hill chart (PUT hills/settings.json)
  Millis hill_updated_at = 0;
  Millis created_at = 0;
  Millis updated_at = 0;
};

struct TimesheetEntry {  // time written back to a to-do (POST .../timesheet/entries.json)
  Id id = 0;
  Id recording = 0;        // the to-do's id
  std::string person;      // Person key the time is for
  std::string creator;     // Person key who wrote it
  std::string date;        // YYYY-MM-DD
  std::string hours;       // decimal string, e.g. "1.5"
  std::string description;
  Millis created_at = 0;
  Millis updated_at = 0;
};

// A recording of a type that has no struct of its own: comments, the dock's tools (message
// board, vault, schedule, chat, questionnaire, card table, inbox) and everything in them.
// Basecamp's generic envelope; `fields` holds what only its type has (a message's `subject`, a
// card's `due_on`, ...), as the type's description in bcsim/recording_types.h names them. See
// bcsim/recordings.h for the operations every recording type shares.
struct Recording {
  Id id = 0;
  std::string type;   // "Comment", "Message", "Vault", ... (bcsim/recording_types.h)
  Id parent = 0;      // the recording it belongs to (0: directly in the bucket, for dock tools)
  std::string key;    // its scenario key, when the world file gave one
  std::string creator;  // Person key
  RecordingStatus status = RecordingStatus::kActive;
  bool visible_to_clients = false;
  std::string title;
  std::string content;  // HTML
  int position = 0;     // among its siblings of the same type (for dock tools: 0 = disabled)
  Millis created_at = 0;
  Millis updated_at = 0;
  nlohmann::json fields = nlohmann::json::object();
};

// Something that happened to a recording (GET /recordings/{id}/events.json). Every write records
// one; ids are in the order they happened.
struct RecordingEvent {
  Id id = 0;
  Id recording = 0;
  std::string action;   // "created", "completed", "archived", "comment_created", ...
  std::string creator;  // Person key
  Millis created_at = 0;
  std::vector<Id> added_person_ids;    // assignment changes
  std::vector<Id> removed_person_ids;
};

// One delivery exchange of a webhook (GET /webhooks/{id}: recent_deliveries, newest first). The
// API only renders these; the delivery engine appends them.
struct WebhookDelivery {
  Id id = 0;
  Millis created_at = 0;
  std::map<std::string, std::string> request_headers;
  nlohmann::json request_body = nlohmann::json::object();  // the WebhookEvent sent
  std::map<std::string, std::string> response_headers;
  int response_code = 0;  // 0: no answer (connection failed, timed out)
  std::string response_message;
  std::string response_body;  // the receiver's answer, at most 4 KiB kept
};

// A delivery waiting in a webhook's queue (the delivery engine, server/webhook_delivery.h):
// one recorded event, its payload built when the event was recorded.
struct PendingDelivery {
  Id event = 0;
  nlohmann::json body;   // the WebhookEvent
  int attempts = 0;      // made so far
  Millis due_ms = 0;     // the next attempt is due at this virtual time
};

// A webhook registered on a project (buckets/{p}/webhooks.json). `active` goes false when the
// client turns it off or when the delivery engine gives up after repeated failures.
struct Webhook {
  Id id = 0;
  std::string payload_url;
  std::vector<std::string> types;  // empty: every type (rendered as ["all"])
  bool active = true;
  std::string creator;  // Person key
  Millis created_at = 0;
  Millis updated_at = 0;
  std::deque<WebhookDelivery> recent_deliveries;  // newest first, at most 25 kept
  int failed_attempts = 0;  // consecutive failures, for the delivery engine's deactivation
  std::deque<PendingDelivery> queue;  // oldest first; only the first is ever attempted
  std::size_t dropped = 0;  // deliveries refused because the queue was full
  std::uint64_t attempts_made = 0;  // every attempt ever (recent_deliveries ids derive from it)
};

// A boost (a short reaction, an emoji or a few words) on a recording or on one of its events
// (`event` 0: on the recording itself). Not a recording: it has no status, bucket or comments.
struct Boost {
  Id id = 0;
  Id recording = 0;
  Id event = 0;
  std::string booster;  // Person key
  std::string content;
  Millis created_at = 0;
};

// What belongs to one person rather than to a project (the Activity endpoints: my/bookmarks,
// Up Next priorities, my/notes, my/readings). Kept per person so one person's marks never show
// to another.
struct PersonalBookmark {
  Id id = 0;
  Id recording = 0;
  Millis created_at = 0;
  Millis updated_at = 0;
};
struct PersonalState {
  std::vector<PersonalBookmark> bookmarks;  // oldest first
  std::vector<Id> priorities;               // Up Next, in order (recording ids)
  Id note_id = 0;                           // 0: never written (my/notes shows null ids)
  std::string note;                         // HTML
  Millis note_created_at = 0;
  Millis note_updated_at = 0;
  std::map<Id, Millis> read_at;  // recording -> when its notifications were last read
};

struct Project {
  std::string key;
  Id id = 0;
  std::string name;
  std::string description;
  RecordingStatus status = RecordingStatus::kActive;
  std::vector<std::string> members;  // Person keys; the loader fills "every person" when omitted
  std::vector<Todoset> todosets;     // dock entries named "todoset"
  bool timesheet_enabled = true;
  std::vector<TimesheetEntry> timesheet_entries;  // written through the API, in order
  std::vector<Recording> recordings;  // recordings without a struct of their own, in order
  std::vector<RecordingEvent> events;  // of every recording in the project, oldest first
  // Recording id -> Person keys subscribed, once changed through the API (until then a
  // recording's subscribers are its creator and assignees: see bcsim/recordings.h).
  std::map<Id, std::vector<std::string>> subscriptions;
  std::vector<Webhook> webhooks;  // in creation order
  std::size_t events_queued = 0;  // events[0..n) have been offered to the webhooks
  // The dock's order once a tool was repositioned (ids of tools and to-do sets, first to last);
  // empty: Basecamp's default order (render.h Dock()).
  std::vector<Id> dock_order;
  std::optional<std::string> start_date, end_date;  // schedule_attributes, YYYY-MM-DD
  std::string admissions = "invite";                 // invite | employee | team
  std::vector<Boost> boosts;  // on this project's recordings and events, oldest first
  Millis created_at = 0;
  Millis updated_at = 0;
};

// A person's folder of projects on their home screen (stacks.json; per person).
struct Folder {
  Id id = 0;
  std::string owner;  // Person key
  std::string name;
  std::vector<Id> project_ids;
  Millis created_at = 0;
  Millis updated_at = 0;
};

// A project built from a template (templates/{t}/project_constructions). Construction is
// immediate on the virtual clock, so it is "completed" as soon as it exists.
struct ProjectConstruction {
  Id id = 0;
  Id template_id = 0;
  Id project_id = 0;
  std::string status = "completed";
};

struct Account {
  std::string key;
  Id id = 0;
  std::string name;
  std::string product = "bc3";  // bc3 | bcx | campfire | hey | basecamp | ...
  std::vector<Person> people;
  std::vector<Project> projects;
  bool inactive = false;      // 404 + "Reason: Account Inactive" on every call
  bool api_disabled = false;  // 404 + "Reason: API Disabled" on every call
  bool serves_my_assignments = true;  // false: /my/assignments.json and reports 404 (older API)
  std::string logo_url;  // "" when the account has no logo (PUT/DELETE account/logo.json)
  Millis updated_at = 0;  // of the account's own settings (name, logo)
  // Templates are buckets with a dock, like projects, but kept apart so that nothing that
  // walks projects (feeds, search, project lists) sees them. Their tools are not indexed.
  std::vector<Project> templates;
  std::vector<ProjectConstruction> constructions;
  std::vector<Folder> folders;  // every person's, in creation order
  std::map<std::string, PersonalState> personal;  // by Person key, once the person wrote some
  // Lineup markers (account-wide, not in a project): title = name, fields["date"].
  std::vector<Recording> lineup_markers;
};

struct Limits {
  int rate_requests = 50;          // per client IP per window; 0 turns the limiter off
  Millis rate_window_ms = 10'000;
  int page_size = 0;               // 0: Basecamp's geared pages (15, 30, 50, 100); else fixed
  Millis access_token_ttl_ms = 14LL * 24 * 3600 * 1000;
  Millis code_ttl_ms = 10LL * 60 * 1000;  // verification codes are short-lived
  // Plan limits (507 Insufficient Storage): active projects (and templates) per account, and
  // webhooks per account; 0 means no limit (a paid plan).
  int project_limit = 0;
  int webhook_limit = 0;
};

// OAuth state: what Launchpad has handed out. Tokens are opaque random strings.
struct AuthorizationCode {
  std::string code;
  std::string client_id;
  std::string redirect_uri;
  std::string identity;  // Identity key
  Millis expires_at = 0;
  bool used = false;
  // The grant its exchange created (SIZE_MAX: none yet). A second exchange revokes it.
  std::size_t grant = static_cast<std::size_t>(-1);
};

struct Grant {  // one authorization of one client by one identity
  std::string client_id;
  std::string identity;
  std::int64_t credentials_epoch = 0;  // the identity's epoch when granted
  bool revoked = false;
};

struct AccessToken {
  std::string token;
  std::size_t grant = 0;  // index into World::grants
  Millis expires_at = 0;
};

struct RefreshToken {
  std::string token;
  std::size_t grant = 0;
  bool replaced = false;  // rotated away; using it again revokes the grant
};

struct BrowserSession {  // a Launchpad sign-in (the launchpad_session cookie)
  std::string identity;  // Identity key
  Millis expires_at = 0;
};

// Launchpad's pruning bookkeeping (launchpad/tokens.h): what was issued, oldest first, so
// expired codes, tokens and sessions go in O(1) amortized; and per grant its newest tokens.
struct GrantTokens {
  std::deque<std::string> access;           // live access tokens, oldest first
  std::deque<std::string> retired_refresh;  // rotated-away refresh tokens kept for reuse checks
};
struct OAuthBookkeeping {
  std::deque<std::string> codes;          // by issue time (one TTL, so also by expiry)
  std::deque<std::string> access_tokens;  // by issue time
  std::deque<std::string> sessions;       // by sign-in time
  std::vector<GrantTokens> grants;        // parallel to World::grants (may be shorter)
};

// Where an entry lives inside World::accounts, as indexes (never pointers, so a World can be
// copied). Unused levels are -1. `group` is the index in the list's `groups` when the entry is a
// group or a to-do inside one.
struct WorldPath {
  enum class Kind { kProject, kTodoset, kTodolist, kGroup, kTodo, kRecording, kTimesheetEntry };
  Kind kind = Kind::kProject;
  int account = -1, project = -1, todoset = -1, list = -1, group = -1, todo = -1;
  int recording = -1;  // index in Project::recordings (kRecording)
  int entry = -1;      // index in Project::timesheet_entries (kTimesheetEntry)
};

// Lookup tables over World::accounts, so API handlers need no scans. Built by IndexWorld();
// LoadWorld and ApplyEvent keep it current. Code that adds or removes accounts, people,
// projects, lists or to-dos by hand must call IndexWorld() afterwards.
struct WorldIndex {
  std::unordered_map<Id, std::size_t> account_by_id;
  std::unordered_map<std::string, std::size_t> account_by_key;
  // Per account (same order as World::accounts): identity key -> person index, person id ->
  // person index, person key -> person index.
  std::vector<std::unordered_map<std::string, std::size_t>> person_by_identity;
  std::vector<std::unordered_map<Id, std::size_t>> person_by_id;
  std::vector<std::unordered_map<std::string, std::size_t>> person_by_key;
  // Per account: project id -> project index.
  std::vector<std::unordered_map<Id, std::size_t>> project_by_id;
  // Todosets, lists, groups, to-dos, other recordings (comments) and timesheet entries of every
  // account, by id; and by scenario key.
  std::unordered_map<Id, WorldPath> recording_by_id;
  std::unordered_map<Id, int> comments_count;  // recording id -> its active comments
  // "project:KEY", "todolist:KEY" (lists and groups), "todo:KEY" -> where it is.
  std::unordered_map<std::string, WorldPath> by_key;
};

struct World {
  std::map<std::string, Identity> identities;  // by key
  std::map<std::string, OAuthClient> clients;  // by key
  std::vector<Account> accounts;               // in file order: authorization.json keeps it
  Limits limits;
  Millis start_time = 0;  // the clock's start when the world is loaded with no clock given

  // OAuth state (empty when a world is loaded; reset clears it).
  std::unordered_map<std::string, AuthorizationCode> codes;  // by code
  std::vector<Grant> grants;
  std::map<std::string, AccessToken> access_tokens;    // by token
  std::map<std::string, RefreshToken> refresh_tokens;  // by token
  std::map<std::string, BrowserSession> browser_sessions;  // by Launchpad session cookie
  OAuthBookkeeping oauth_order;  // pruning: PruneOAuth() in launchpad/tokens.h

  std::int64_t created = 0;  // recordings created since load: the source of new ids (NewId)
  // Set by RecordEvent: some project has events its webhooks were not offered yet
  // (api/webhook_payload.h QueueWebhookDeliveries clears it).
  bool events_pending = false;

  WorldIndex index;  // derived from the fields above; see IndexWorld()
};

// Rebuilds world.index from world.accounts. O(size of the world).
void IndexWorld(World& world);

// Who made an entry that names no creator (in the world file or a `basecamp:` step): the
// account's first owner or admin, else its first person, else "" (no people).
std::string DefaultCreatorOf(const Account& account);

// The default start of scenario time: 2026-12-01T09:00:00Z (`basecamp.start_time` moves it).
inline constexpr Millis kDefaultStartTime = 1'796'115'600'000;

// The id Basecamp would show for an entry with this key and kind, stable across runs.
Id StableId(const std::string& kind, const std::string& key);
// The id after `id` in StableId's range (1,000,000,000 .. 8,999,999,999, wrapping): where a
// derived id moves when the one StableId gives is taken, so ids never collide.
Id NextStableId(Id id);

}  // namespace bcsim
