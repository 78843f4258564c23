// The control API under /__bcsim/ (simulator/README.md documents it for QA). It answers only
// loopback peers (403 otherwise), needs no User-Agent or token, is not rate limited and not
// journaled. JSON in and out.
//   GET  health                  {"status":"ok","now":ISO,"now_ms":N}
//   PUT  scenario                YAML body (vars from the query, e.g. ?tracker=ORIGIN), or JSON
//                                {"yaml": TEXT, "source_name": NAME, "vars": {...}}; 400 with
//                                FILE:LINE:COL on error and nothing changed
//   POST reset                   back to the loaded world; tokens, sessions, journal, counters cleared
//   GET|POST clock               POST {"advance":"15d"} (or {"advance_ms":N}) -> {"now","now_ms"}
//   GET|POST|DELETE faults       list with hit counts / add one (JSON) -> {"id"} / remove all
//   DELETE faults/{id}           remove one
//   POST events                  a world change, {"event": NAME, ...} (events.h)
//   POST tokens                  {"identity", "client"} -> the token endpoint's JSON
//   GET  requests                ?since=SEQ&limit=N -> {"requests":[...],"last_seq":N}
//   GET  world                   the current world as scenario YAML (?format=json; ?clients=0)
// Thread safety: handlers lock the state as needed; safe from many worker threads.
#pragma once

#include <httplib.h>

#include "server/state.h"

namespace bcsim {

void ServeControl(SimState& s, const httplib::Request& req, httplib::Response& res);

}  // namespace bcsim
