#include "sync/assigned_fetch.h"

#include <nlohmann/json.hpp>

#include "util/json_fields.h"
#include "util/macros.h"

namespace bcsync::sync {
namespace {

using nlohmann::json;

using util::JsonBool;
using util::JsonInt;
using util::JsonStr;

// "…/todosets/5.json" -> "…/todosets/5/todolists.json"
std::string Child(const std::string& url, const std::string& child) {
  const std::string suffix = ".json";
  std::string base = url;
  if (base.size() > suffix.size() && base.compare(base.size() - suffix.size(), suffix.size(), suffix) == 0) {
    base.resize(base.size() - suffix.size());
  }
  return base + "/" + child + ".json";
}

struct ListContext {
  std::int64_t project_id;
  std::string project;
  std::string list;
};

Status KeepAssigned(basecamp::ApiClient& api, const std::string& todos_url, const ListContext& ctx,
                    std::int64_t person_id, std::vector<RemoteTodo>* out) {
  ASSIGN_OR_RETURN(std::vector<json> todos, api.GetAllPages(todos_url));
  for (const json& todo : todos) {
    if (JsonBool(todo, "completed")) continue;
    const std::string status = JsonStr(todo, "status");
    if (!status.empty() && status != "active") continue;
    if (!IsAssignedTo(todo, person_id)) continue;
    std::string title = JsonStr(todo, "title");
    if (title.empty()) title = JsonStr(todo, "content");
    out->push_back(RemoteTodo{JsonInt(todo, "id"), ctx.project_id, title, ctx.project, ctx.list, JsonStr(todo, "due_on")});
  }
  return OkStatus();
}

}  // namespace

bool IsAssignedTo(const json& todo, std::int64_t person_id) {
  auto it = todo.find("assignees");
  if (it == todo.end() || !it->is_array()) return false;
  for (const json& person : *it) {
    if (person.is_object() && JsonInt(person, "id") == person_id) return true;
  }
  return false;
}

StatusOr<std::vector<RemoteTodo>> FetchAssignments(basecamp::ApiClient& api, const std::string& account_href,
                                                   std::int64_t person_id) {
  ASSIGN_OR_RETURN(json body, api.GetJson(account_href + "/my/assignments.json"));
  std::vector<RemoteTodo> out;
  for (const char* group : {"priorities", "non_priorities"}) {
    auto it = body.find(group);
    if (it == body.end() || !it->is_array()) continue;
    for (const json& item : *it) {
      std::string type = JsonStr(item, "type");
      if (!type.empty() && type != "todo" && type != "Todo") continue;
      if (JsonBool(item, "completed")) continue;
      if (item.contains("assignees") && !IsAssignedTo(item, person_id)) continue;
      const json bucket = item.value("bucket", json::object());
      const json parent = item.value("parent", json::object());
      std::string title = JsonStr(item, "content");
      if (title.empty()) title = JsonStr(item, "title");
      out.push_back(RemoteTodo{JsonInt(item, "id"), JsonInt(bucket, "id"), title, JsonStr(bucket, "name"), JsonStr(parent, "title"),
                               JsonStr(item, "due_on")});
    }
  }
  return out;
}

StatusOr<std::vector<RemoteTodo>> CrawlAssigned(basecamp::ApiClient& api, const std::string& account_href,
                                                std::int64_t person_id) {
  std::vector<RemoteTodo> out;
  ASSIGN_OR_RETURN(std::vector<json> projects, api.GetAllPages(account_href + "/projects.json"));
  for (json project : projects) {
    if (!project.contains("dock")) {
      ASSIGN_OR_RETURN(project, api.GetJson(JsonStr(project, "url")));
    }
    const std::int64_t project_id = JsonInt(project, "id");
    const std::string project_name = JsonStr(project, "name");
    for (const json& tool : project.value("dock", json::array())) {
      if (JsonStr(tool, "name") != "todoset" || !JsonBool(tool, "enabled")) continue;
      ASSIGN_OR_RETURN(std::vector<json> lists, api.GetAllPages(Child(JsonStr(tool, "url"), "todolists")));
      for (const json& list : lists) {
        const std::string list_url = JsonStr(list, "url");
        ListContext ctx{project_id, project_name, JsonStr(list, "title")};
        if (ctx.list.empty()) ctx.list = JsonStr(list, "name");
        std::string todos_url = JsonStr(list, "todos_url");
        if (todos_url.empty()) todos_url = Child(list_url, "todos");
        RETURN_IF_ERROR(KeepAssigned(api, todos_url, ctx, person_id, &out));
        std::string groups_url = JsonStr(list, "groups_url");
        if (groups_url.empty()) groups_url = Child(list_url, "groups");
        ASSIGN_OR_RETURN(std::vector<json> groups, api.GetAllPages(groups_url));
        for (const json& group : groups) {
          std::string group_todos = JsonStr(group, "todos_url");
          if (group_todos.empty()) group_todos = Child(JsonStr(group, "url"), "todos");
          RETURN_IF_ERROR(KeepAssigned(api, group_todos, ctx, person_id, &out));
        }
      }
    }
  }
  return out;
}

}  // namespace bcsync::sync
