import { useEffect } from 'react';
import type { FieldPath, FieldValues, UseFormReturn } from 'react-hook-form';
import { useStepProblems } from './wizard-context.tsx';

/**
 * Shows the server's problems for this step at their inputs when the step opens
 * (`{ problem key: form field name }`); the person's next edit replaces them.
 */
export function useServerErrors<T extends FieldValues>(form: UseFormReturn<T>, fields: Record<string, FieldPath<T>>) {
  const problems = useStepProblems();
  useEffect(() => {
    for (const [key, message] of problems) {
      const name = fields[key];
      if (name) form.setError(name, { type: 'server', message }, { shouldFocus: false });
    }
    // Once, when the step opens: afterwards the person's edits own the field state.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
}
