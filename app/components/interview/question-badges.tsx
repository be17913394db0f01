const TYPE_LABELS: Record<string, string> = {
  technical: "Technical",
  behavioral: "Behavioural",
  project: "Project",
  situational: "Situational",
};

const TYPE_STYLES: Record<string, string> = {
  technical: "bg-indigo-100 text-indigo-900",
  behavioral: "bg-teal-100 text-teal-900",
  project: "bg-violet-100 text-violet-900",
  situational: "bg-sky-100 text-sky-900",
};

export function QuestionTypeBadge({ type }: { type: string }) {
  return <span className={`badge ${TYPE_STYLES[type] ?? "bg-slate-100 text-slate-800"}`}>{TYPE_LABELS[type] ?? type}</span>;
}

export function FollowUpBadge() {
  return <span className="badge bg-amber-100 text-amber-900">Follow-up</span>;
}

export function AttemptBadge({ retakeNumber }: { retakeNumber: number }) {
  return retakeNumber > 1 ? (
    <span className="badge bg-fuchsia-100 text-fuchsia-900">Attempt #{retakeNumber} · retake</span>
  ) : (
    <span className="badge bg-slate-100 text-slate-800">Attempt #1</span>
  );
}

const STATUS_STYLES: Record<string, string> = {
  active: "bg-green-100 text-green-900",
  paused: "bg-amber-100 text-amber-900",
  completed: "bg-slate-200 text-slate-900",
};

export function SessionStatusBadge({ status }: { status: string }) {
  const label = status === "active" ? "In progress" : status === "paused" ? "Paused" : "Completed";
  return <span className={`badge ${STATUS_STYLES[status] ?? ""}`}>{label}</span>;
}
