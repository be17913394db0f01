/**
 * A posting, a résumé and an answer of realistic length (a posting of about
 * 2,500 characters, a two-page résumé, a two-minute spoken answer), for the
 * token bench. Invented people and companies.
 */

export const BENCH_POSTING = {
  title: "Senior Backend Engineer, Payments",
  company: "Northwind Payments",
  experienceLevel: "senior",
  techStack: ["TypeScript", "Node.js", "PostgreSQL", "Kafka", "AWS", "Terraform"],
  description: [
    "Northwind Payments moves money for 40,000 small businesses across Europe. Our ledger service records every payment, refund and payout, and it must never lose or double-count a cent.",
    "As a Senior Backend Engineer on the Payments Platform team you will own services that process 3,000 transactions per second at peak, and you will help us split a ten-year-old monolith into services without downtime.",
    "What you will do:",
    "- Design and build APIs and event-driven services in TypeScript on Node.js, backed by PostgreSQL and Kafka.",
    "- Make the ledger's invariants explicit and enforce them in code and in the database (constraints, idempotency keys, exactly-once consumers).",
    "- Lead the migration of payout batching from nightly cron jobs to streaming, with a safe rollout and a rollback plan.",
    "- Improve observability: SLOs, tracing, dashboards and alerts that page only for what matters.",
    "- Review designs and code, mentor two mid-level engineers, and take part in a one-week-in-six on-call rotation.",
    "What we look for:",
    "- Six or more years building backend systems in production, at least two of them with money or other data that must be exactly right.",
    "- Deep PostgreSQL knowledge: transactions and isolation levels, locking, indexing, query plans, zero-downtime schema changes.",
    "- Experience with Kafka or another log-based broker: partitioning, consumer groups, ordering, replays.",
    "- Clear writing: design documents, incident reviews, and pull requests a colleague can follow.",
    "- Nice to have: PCI DSS, double-entry bookkeeping, Terraform, AWS (RDS, MSK, ECS).",
    "We work in small teams with a lot of ownership, deploy many times a day, and write blameless post-mortems. Hybrid in Lisbon or remote within two hours of CET.",
  ].join("\n"),
};

export const BENCH_RESUME = [
  "Alex Example",
  "Backend engineer · Lisbon · alex@example.com · +351 910 000 000",
  "",
  "SUMMARY",
  "Backend engineer with eight years of experience building reliable services in TypeScript and Go, most recently on a card-payments platform. I like boring technology, explicit invariants and small, reversible changes.",
  "",
  "EXPERIENCE",
  "Senior Software Engineer — Contoso Cards (2021–present)",
  "- Led the redesign of the authorisation service (Node.js, PostgreSQL): p99 latency from 480 ms to 120 ms at 1,800 requests per second, by moving fraud checks off the hot path and adding covering indexes.",
  "- Introduced idempotency keys and a transactional outbox for the settlement pipeline; duplicate settlements went from about 30 a month to none in 18 months.",
  "- Migrated a 1.2 TB PostgreSQL database from version 11 to 15 with logical replication and a 40-second cut-over.",
  "- Built the team's Kafka consumer library (retries, dead-letter topics, ordered processing per merchant), now used by 14 services.",
  "- On-call lead for a year: wrote the incident-review template and reduced pages per week from 25 to 6 by deleting noisy alerts and adding SLO-based ones.",
  "- Mentored three engineers; two were promoted.",
  "",
  "Software Engineer — Fabrikam Logistics (2018–2021)",
  "- Built route-planning APIs in Go and a React dashboard used by 900 dispatchers.",
  "- Replaced a nightly batch import with change-data-capture (Debezium, Kafka), cutting data freshness from 24 hours to under a minute.",
  "- Wrote the load tests (k6) that found a connection-pool leak before a peak season.",
  "",
  "Junior Developer — Tailspin Travel (2016–2018)",
  "- PHP and MySQL maintenance of a booking site; introduced automated tests and a CI pipeline.",
  "",
  "SKILLS",
  "TypeScript, Node.js, Go, PostgreSQL (replication, partitioning, query tuning), Kafka, Redis, AWS (RDS, ECS, Lambda), Terraform, Docker, OpenTelemetry, Grafana.",
  "",
  "EDUCATION",
  "BSc Computer Science, University of Porto (2016).",
  "",
  "PROJECTS",
  "- pg-outbox: an open-source transactional outbox for Node.js and PostgreSQL (600 stars).",
  "- Talk: “Exactly-once is a lie, idempotency is not” — Lisbon JS meetup, 2023.",
].join("\n");

export const BENCH_ANSWER = [
  "At Contoso Cards our settlement pipeline occasionally settled the same card transaction twice, about thirty times a month, because the consumer that read authorisations from Kafka could be restarted between writing the settlement row and committing its offset.",
  "I owned the fix. First I made the invariant explicit: one settlement per authorisation id. We added a unique constraint on that column, so the database would refuse a duplicate even if the code was wrong.",
  "Then we changed the consumer to write the settlement and an outbox row in one PostgreSQL transaction, keyed by the authorisation id, and to treat a unique-violation as 'already done' rather than an error. A separate relay published the outbox rows to Kafka.",
  "We rolled it out behind a flag to one merchant group at a time, with a reconciliation job comparing authorisations and settlements every hour.",
  "The result: zero duplicate settlements in the eighteen months since, and the reconciliation job became the alert we trust most. If I did it again I would add the constraint first, on day one, before touching the consumer.",
].join(" ");

/**
 * The skill map a user would have for BENCH_POSTING after a few interviews: its requirements (as the
 * extraction finds them in "What we look for" and "What you will do") with their states so far.
 */
export const BENCH_REQUIREMENTS = (
  [
    ["PostgreSQL transactions, isolation and locking", "technology", 3, "weak", 48],
    ["Zero-downtime schema changes", "skill", 3, "not_probed", null],
    ["Kafka partitioning, consumer groups and ordering", "technology", 3, "developing", 66],
    ["Exactly-once consumers and idempotency keys", "skill", 3, "strong", 84],
    ["Ledger invariants enforced in code and database", "responsibility", 3, "not_probed", null],
    ["Event-driven services in TypeScript on Node.js", "technology", 2, "strong", 81],
    ["Safe rollout and rollback of a migration", "responsibility", 2, "weak", 52],
    ["Observability: SLOs, tracing and alerting", "skill", 2, "developing", 70],
    ["Clear design documents and incident reviews", "skill", 2, "not_probed", null],
    ["Mentoring mid-level engineers", "responsibility", 1, "developing", 68],
    ["Six or more years of production backend work", "seniority", 2, "strong", 88],
    ["PCI DSS and double-entry bookkeeping", "technology", 1, "not_probed", null],
  ] as const
).map(([name, kind, weight, state, average], i) => ({ id: `req-${i + 1}`, name, kind, weight, state, average }));
