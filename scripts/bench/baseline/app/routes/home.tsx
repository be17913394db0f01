import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, redirect, useActionData, useLoaderData, type ActionFunctionArgs, type LoaderFunctionArgs } from "react-router";
import { z } from "zod";
import type { PrismaClient } from "../../../../../app/generated/prisma/client.ts";
import { sessions } from "../session.ts";

const NoteSchema = z.object({ title: z.string().trim().min(1, "Give it a title").max(100) });

type Context = { db: PrismaClient };

// The minimal signed-in page: read the cookie session, one findMany of a few rows, render them and a form.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const session = await sessions.getSession(request.headers.get("cookie"));
  const userId = session.get("userId");
  if (!userId) throw redirect("/login");
  const rows = await (context as unknown as Context).db.interviewSession.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    take: 5,
    select: { id: true, postingTitle: true, createdAt: true },
  });
  return { rows };
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: NoteSchema });
  return submission.reply();
}

export default function Home() {
  const { rows } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NoteSchema }),
  });
  return (
    <main>
      <h1>Baseline</h1>
      <ul>
        {rows.map((row) => (
          <li key={row.id}>
            {row.postingTitle} <time dateTime={row.createdAt.toISOString()}>{row.createdAt.toISOString().slice(0, 10)}</time>
          </li>
        ))}
      </ul>
      <Form method="post" {...getFormProps(form)}>
        <label htmlFor={fields.title.id}>Title</label>
        <input {...getInputProps(fields.title, { type: "text" })} />
        <p id={fields.title.errorId}>{fields.title.errors}</p>
        <button type="submit">Save</button>
      </Form>
    </main>
  );
}
