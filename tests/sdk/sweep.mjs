#!/usr/bin/env node
// The official Basecamp TypeScript SDK (@37signals/basecamp, pinned in package.json), unmodified,
// swept over every method of every service its client exposes, against a bcsim simulator.
//
//   node tests/sdk/sweep.mjs --bcsim build/dev/harness/bcsim [--world tests/sdk/world.yaml]
//                            [--floor N | --floor N%] [--json out.json] [--account-path /5200001]
//                            [--openapi shared/basecamp/openapi.json]
//   node tests/sdk/sweep.mjs --origin http://127.0.0.1:PORT ...   (a simulator already running)
//
// With --bcsim it starts `bcsim serve --port 0` on the world, reads the port from the line the
// server prints first ("bcsim listening on http://HOST:PORT"), and stops the server at the end.
// The token comes from the control API (POST /__bcsim/tokens), the account from the SDK's own
// authorization.getInfo against the simulator's Launchpad. Each call passes when its promise
// resolves and fails when it throws (the SDK error's status and message are kept). Exit status:
// 0 at or above the floor, 1 below it, 2 for bad usage or a simulator that did not start.
//
// Deterministic: a fixed world, a fixed call order (plan.mjs), the simulator's virtual clock,
// the SDK's retry turned off (and the world's rate limiter off), every fetch refused unless it
// goes to loopback. With --openapi, a failing request whose method and path the document does not
// list is marked: the SDK and the document disagree there, so serving the document is not enough.
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { PHASES, PLAN, WORLD } from "./plan.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PLACEHOLDER_ID = 1;  // no record has it: the world's ids and bcsim's StableIds are larger

function usage(msg) {
  console.error(`sdk sweep: ${msg}`);
  console.error("usage: node sweep.mjs (--bcsim PATH [--world FILE] | --origin URL) [--floor N|N%] " +
                "[--json FILE] [--account-path PATH] [--openapi FILE]");
  process.exit(2);
}

function parseArgs(argv) {
  const args = { world: path.join(HERE, "world.yaml"), floor: null, json: null };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`${name} needs a value`);
      return argv[++i];
    };
    if (name === "--bcsim") args.bcsim = value();
    else if (name === "--world") args.world = value();
    else if (name === "--origin") args.origin = value();
    else if (name === "--floor") args.floor = value();
    else if (name === "--json") args.json = value();
    else if (name === "--account-path") args.accountPath = value();
    else if (name === "--openapi") args.openapi = value();
    else usage(`unknown argument ${name}`);
  }
  if (!args.bcsim === !args.origin) usage("give exactly one of --bcsim and --origin");
  if (args.floor !== null && !/^\d+(\.\d+)?%?$/.test(args.floor)) {
    usage(`--floor expects a number of calls or a percentage, found "${args.floor}"`);
  }
  return args;
}

async function loadSdk() {
  try {
    return await import("@37signals/basecamp");
  } catch (err) {
    console.error(`sdk sweep: cannot load @37signals/basecamp from ${path.join(HERE, "node_modules")} ` +
                  `(${err.code ?? err.message}).\nRun ci/setup: it installs the SDK with ` +
                  "`npm ci` in tests/sdk from the committed package-lock.json.");
    process.exit(1);
  }
}

// Every request the SDK makes goes through here: anything but loopback is refused (the sweep
// must never reach the real Basecamp), and each request is remembered for the report.
function guardFetch(log) {
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const request = input instanceof Request ? input : null;
    const url = new URL(request ? request.url : String(input));
    const method = (init?.method ?? request?.method ?? "GET").toUpperCase();
    const entry = { method, path: url.pathname + url.search, status: null };
    log.push(entry);
    if (!["127.0.0.1", "localhost", "[::1]"].includes(url.hostname)) {
      entry.status = "refused";
      throw new Error(`sweep refused a request off loopback: ${method} ${url.origin}`);
    }
    const response = await realFetch(input, init);
    entry.status = response.status;
    return response;
  };
}

function startServer(bcsim, world) {
  return new Promise((resolve, reject) => {
    const child = spawn(bcsim, ["serve", "--scenario", world, "--port", "0"],
                        { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`bcsim serve printed no "bcsim listening on" line within 10 s\n${out}${err}`));
    }, 10_000);
    child.stdout.on("data", (d) => {
      out += d;
      const m = /bcsim listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ origin: m[1], stop: () => child.kill("SIGTERM") });
      }
    });
    child.stderr.on("data", (d) => { err += d; });
    child.on("error", (e) => { clearTimeout(timer); reject(e); });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`bcsim serve exited (${code}) before listening:\n${out}${err}`));
    });
  });
}

async function mintToken(origin) {
  const res = await fetch(`${origin}/__bcsim/tokens`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ identity: WORLD.identity }),
  }).catch((err) => {
    throw new Error(`no simulator answers at ${origin} (${err.cause?.code ?? err.message})`);
  });
  const body = await res.json().catch(() => ({}));
  if (res.status !== 200 || !body.access_token) {
    throw new Error(`POST /__bcsim/tokens answered ${res.status}: ${JSON.stringify(body)}`);
  }
  return body.access_token;
}

// The services the client exposes (enumerable getters) and each one's methods (own prototype
// methods down to BaseService), in the client's order.
function enumerate(client) {
  const services = [];
  for (const name of Object.keys(client)) {
    const svc = client[name];
    if (!svc || typeof svc !== "object") continue;
    const methods = [];
    for (let p = Object.getPrototypeOf(svc); p && p.constructor.name !== "BaseService" &&
         p !== Object.prototype; p = Object.getPrototypeOf(p)) {
      for (const m of Object.getOwnPropertyNames(p)) {
        if (m !== "constructor" && typeof p[m] === "function" && !methods.includes(m)) methods.push(m);
      }
    }
    services.push({ name, methods });
  }
  return services;
}

// A method the plan does not know: called with each parameter filled from its name (fooId →
// the context's foo or newFoo; options/req → {}), so that a new SDK method is measured too.
function guessArgs(fn, c) {
  const params = /^[^(]*\(([^)]*)\)/.exec(fn.toString())?.[1] ?? "";
  return params.split(",").map((p) => p.trim().replace(/=.*$/, "")).filter(Boolean).map((p) => {
    if (!p.endsWith("Id")) return p === "options" ? undefined : {};
    const key = p.slice(0, -2);
    const cap = `new${key[0].toUpperCase()}${key.slice(1)}`;
    return c.has(cap) ? c.ctx[cap] : c.id(key);
  });
}

// A test for "does the document list this request?": METHOD and path (query dropped) against
// every operation's path template.
function loadDocument(file) {
  const doc = JSON.parse(readFileSync(file, "utf8"));
  const ops = [];
  for (const [template, item] of Object.entries(doc.paths ?? {})) {
    const re = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}$`);
    for (const method of Object.keys(item)) ops.push({ method: method.toUpperCase(), re });
  }
  return (method, pathAndQuery) => {
    const p = pathAndQuery.split("?")[0];
    return ops.some((op) => op.method === method && op.re.test(p));
  };
}

function reasonOf(err) {
  if (err?.httpStatus) return `HTTP ${err.httpStatus}`;
  if (err?.name === "BasecampError") return `SDK ${err.code}`;
  return `threw ${err?.name ?? typeof err}`;
}

function pct(p, t) { return t === 0 ? "0.0" : ((100 * p) / t).toFixed(1); }

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const sdk = await loadSdk();
  const log = [];
  guardFetch(log);

  let server = null;
  let origin = args.origin;
  if (args.bcsim) {
    try {
      server = await startServer(args.bcsim, args.world);
    } catch (err) {
      console.error(`sdk sweep: ${err.message}`);
      process.exit(2);
    }
    origin = server.origin;
  }
  const started = performance.now();
  try {
    const token = await mintToken(origin);
    const accountPath = args.accountPath ?? `/${WORLD.account}`;
    const client = sdk.createBasecampClient({
      accountId: String(WORLD.account), accessToken: token, baseUrl: `${origin}${accountPath}`,
      enableRetry: false, enableCache: false, requestTimeoutMs: 5000,
      userAgent: "bcsim SDK sweep (sweep@bcsim.test)",
    });
    const services = enumerate(client);
    const inDocument = args.openapi ? loadDocument(args.openapi) : null;
    const results = await sweep(client, services, origin, log, inDocument);
    const code = report(services, results, args, performance.now() - started);
    process.exitCode = code;
  } catch (err) {
    console.error(`sdk sweep: ${err.message ?? err}`);
    process.exitCode = 2;
  } finally {
    server?.stop();
  }
}

async function sweep(client, services, origin, log, inDocument) {
  const ctx = { ...WORLD };
  const c = {
    origin, ctx, missing: [],
    has: (k) => ctx[k] !== undefined && ctx[k] !== null,
    set: (k, v) => { if (v !== undefined && v !== null) ctx[k] = v; },
    id(k) {
      if (this.has(k)) return ctx[k];
      this.missing.push(k);
      return PLACEHOLDER_ID;
    },
  };
  const found = new Set(services.flatMap((s) => s.methods.map((m) => `${s.name}.${m}`)));
  const planned = new Map(PLAN.map((e) => [`${e[0]}.${e[1]}`, e]));
  if (planned.size !== PLAN.length) throw new Error("plan.mjs names a method twice");
  for (const key of planned.keys()) {
    if (!found.has(key)) throw new Error(`plan.mjs names ${key}, which this SDK version lacks`);
  }
  // Plan order first; methods the plan does not know run last, in enumeration order.
  const calls = PLAN.map(([svc, method, phase, args, after]) => ({ svc, method, phase, args, after }));
  for (const s of services) {
    for (const m of s.methods) {
      if (!planned.has(`${s.name}.${m}`)) {
        calls.push({ svc: s.name, method: m, phase: "update", unplanned: true,
                     args: (cc) => guessArgs(client[s.name][m], cc) });
      }
    }
  }
  calls.sort((a, b) => PHASES.indexOf(a.phase) - PHASES.indexOf(b.phase));  // stable

  const results = [];
  for (const call of calls) {
    c.missing = [];
    const args = call.args(c);
    const first = log.length;
    const result = { svc: call.svc, method: call.method, phase: call.phase,
                     unplanned: !!call.unplanned, missing: [...new Set(c.missing)] };
    try {
      const value = await client[call.svc][call.method](...args);
      result.ok = true;
      call.after?.(c, value);
    } catch (err) {
      result.ok = false;
      result.reason = reasonOf(err);
      result.message = String(err?.message ?? err).replace(/\s+/g, " ").slice(0, 160);
    }
    const sent = log.slice(first);
    result.requests = sent.map((r) => `${r.method} ${r.path} → ${r.status}`);
    if (!result.ok && inDocument) {
      result.offDocument = sent.some((r) => typeof r.status === "number" && !inDocument(r.method, r.path));
    }
    results.push(result);
  }
  return results;
}

function report(services, results, args, ms) {
  const bySvc = new Map(services.map((s) => [s.name, { pass: 0, fail: 0 }]));
  for (const r of results) bySvc.get(r.svc)[r.ok ? "pass" : "fail"]++;
  const width = Math.max(...services.map((s) => s.name.length));
  console.log(`${"service".padEnd(width)}  methods  passed  failed`);
  for (const [name, n] of bySvc) {
    console.log(`${name.padEnd(width)}  ${String(n.pass + n.fail).padStart(7)}  ${String(n.pass).padStart(6)}  ${String(n.fail).padStart(6)}`);
  }

  const failed = results.filter((r) => !r.ok);
  if (failed.length > 0) {
    console.log("\nfailing calls (phase, call, reason, what the SDK sent):");
    for (const r of failed) {
      const missing = r.missing.length ? ` [no ${r.missing.join(", ")} id: placeholder ${PLACEHOLDER_ID}]` : "";
      const sent = r.requests.length ? r.requests.join("; ") : "no request";
      const off = r.offDocument ? " [not in openapi.json]" : "";
      console.log(`  ${r.phase.padEnd(8)} ${`${r.svc}.${r.method}`.padEnd(40)} ${r.reason}: ${r.message}${missing} (${sent})${off}`);
    }
    const reasons = new Map();
    for (const r of failed) reasons.set(r.reason, (reasons.get(r.reason) ?? 0) + 1);
    console.log("\nfailures by reason:");
    for (const [reason, n] of [...reasons].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
      console.log(`  ${reason}: ${n}`);
    }
    const off = failed.filter((r) => r.offDocument).length;
    if (args.openapi) console.log(`  of them, sent as an operation ${args.openapi} does not list: ${off}`);
  }
  const unplanned = results.filter((r) => r.unplanned);
  if (unplanned.length > 0) {
    console.log(`\nnot in plan.mjs (called with guessed arguments): ${unplanned.map((r) => `${r.svc}.${r.method}`).join(", ")}`);
  }

  const total = results.length;
  const passed = total - failed.length;
  const methodCount = services.reduce((n, s) => n + s.methods.length, 0);
  console.log(`\nsdk: ${services.length} services, ${methodCount} methods; ${Math.round(ms)} ms`);
  console.log(`sdk sweep: ${passed}/${total} calls passed (${pct(passed, total)}%)`);

  if (args.json) {
    writeFileSync(args.json, JSON.stringify({ passed, total, results }, null, 2));
  }
  if (args.floor !== null) {
    const floor = args.floor.endsWith("%") ? Math.ceil((parseFloat(args.floor) / 100) * total - 1e-9)
                                           : parseInt(args.floor, 10);
    if (passed < floor) {
      console.log(`sdk sweep: FAIL: ${passed} passed, below the floor of ${floor} (--floor ${args.floor})`);
      return 1;
    }
    console.log(`sdk sweep: ok: at or above the floor of ${floor} (--floor ${args.floor})`);
  }
  return 0;
}

await main();
