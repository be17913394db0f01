import { Form } from "react-router";

/**
 * Upload an account export to import it. Step 1 of 2: the file is checked and
 * a preview shows what it will create; nothing is written until the user
 * confirms. A plain multipart form: works without JavaScript.
 */
export function ImportForm({ error }: { error?: string | null }) {
  return (
    <Form method="post" action="/settings/import" encType="multipart/form-data" className="space-y-3" aria-describedby="import-hint">
      <div>
        <label htmlFor="import-file" className="label">
          Import an export file
        </label>
        <input
          id="import-file"
          name="file"
          type="file"
          accept=".json,application/json"
          required
          className="block text-sm"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "import-error" : undefined}
        />
        <p id="import-hint" className="hint">
          The .json file “Export my data” gave you, from this or another installation. Into a new or empty account only; you will see what
          it creates before anything is saved.
        </p>
        {error ? (
          <p id="import-error" role="alert" className="alert-error mt-2">
            {error}
          </p>
        ) : null}
      </div>
      <button type="submit" className="btn-secondary">
        Check the file
      </button>
    </Form>
  );
}
