import { useEffect, useState } from 'react';
import { useForm, type FieldValues, type UseFormProps, type UseFormReturn } from 'react-hook-form';
import { useWizard } from './wizard-context.tsx';

/** The event a step form fires on the window when Continue finds problems; `detail` is their count. */
export const INVALID_STEP_EVENT = 'mobproc:invalid-step';

/** How many inputs an error tree of react-hook-form has problems at. */
function countErrors(errors: unknown): number {
  if (!errors || typeof errors !== 'object') return 0;
  if ('message' in errors && typeof (errors as { message?: unknown }).message === 'string') return 1;
  return Object.values(errors).reduce<number>((sum, value) => sum + countErrors(value), 0);
}

/**
 * How a step with sensitive values (e.g. a port-out PIN) keeps them out of the stored draft:
 * `strip` returns the values without them (keeping them in the tab's memory), `restore` puts back
 * what the tab still remembers.
 */
export type StepSecrets<T> = { strip: (values: T) => T; restore: (values: T) => T };

/** How long typing pauses before the values are stored, in milliseconds. */
const KEEP_AFTER_MS = 400;

/**
 * `useForm` for a wizard step whose values survive before Continue: they start from what was typed
 * on this step earlier (when typed against the same `basis`, e.g. the same country), else from
 * `defaultValues`; and they are kept in the draft while the person types (after a pause), when
 * the page is hidden or reloaded, and when the step closes (Back, another step, leaving the wizard,
 * a sign-in). A step closing because Continue went through keeps nothing (the wizard ignores it).
 */
export function useStepForm<T extends FieldValues>(
  options: UseFormProps<T> & { defaultValues: T },
  basis = '',
  secrets?: StepSecrets<T>,
): UseFormReturn<T> {
  const { draft, stepId, keepTyping } = useWizard();
  const [initial] = useState(() => {
    const typed = draft.typing?.[stepId];
    if (!typed || typed.basis !== basis) return options.defaultValues;
    return secrets ? secrets.restore(typed.values as T) : (typed.values as T);
  });
  const form = useForm<T>({ ...options, defaultValues: initial as UseFormProps<T>['defaultValues'] });

  useEffect(() => {
    let pending: unknown;
    let changedAt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      clearTimeout(timer);
      if (pending === undefined) return;
      const values = secrets ? secrets.strip(pending as T) : pending;
      pending = undefined;
      keepTyping(stepId, { values, basis }, changedAt);
    };
    const unsubscribe = form.subscribe({
      formState: { values: true },
      callback: ({ values }) => {
        pending = structuredClone(values);
        changedAt = performance.now();
        clearTimeout(timer);
        timer = setTimeout(flush, KEEP_AFTER_MS);
      },
    });
    // After a Continue that found problems, focus goes to the first input with one (the inputs
    // are MUI's, whose refs react-hook-form cannot focus), and the count is announced.
    let submits = 0;
    const unsubscribeSubmit = form.subscribe({
      formState: { submitCount: true, errors: true },
      callback: (state) => {
        if (state.submitCount === undefined || state.submitCount === submits) return;
        submits = state.submitCount;
        const count = countErrors(state.errors);
        if (count === 0) return;
        requestAnimationFrame(() => {
          document.querySelector<HTMLElement>('main [aria-invalid="true"]')?.focus();
          window.dispatchEvent(new CustomEvent(INVALID_STEP_EVENT, { detail: count }));
        });
      },
    });
    window.addEventListener('pagehide', flush);
    return () => {
      unsubscribe();
      unsubscribeSubmit();
      window.removeEventListener('pagehide', flush);
      flush();
    };
    // keepTyping is a new function with every draft but acts the same for one draft: the first is kept.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [form, stepId, basis]);
  return form;
}
