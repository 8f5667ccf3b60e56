import { createContext, useContext } from 'react';
import type { AcceptMe as MeResponse } from '../../../../contract/accept.ts';
import type { Draft, TypedValues } from '../model/draft.ts';
import type { StepId } from '../model/steps.ts';

/** A server problem that belongs to one step's input (see `fieldKey`). */
export type FieldProblem = { step: StepId; key: string; message: string };

export type WizardContextValue = {
  draft: Draft;
  stepId: StepId;
  steps: StepId[];
  me: MeResponse;
  /** Whose browser storage the draft lives in (tenant/username). */
  scope: string;
  /** Replace the draft (stored at once). */
  setDraft: (update: (draft: Draft) => Draft) => void;
  /** Store this draft now, before a request that must find it after a reload (the idempotency key). */
  saveNow: (draft: Draft) => void;
  /**
   * Show this step's choices in the summary panel before they are saved (ticking an accessory
   * moves the totals at once); `null` shows the saved draft again. Leaving the step drops it.
   */
  preview: (update: ((draft: Draft) => Draft) | null) => void;
  /** Save this step's answers and go to the next step that needs the person. */
  complete: (update: (draft: Draft) => Draft, options?: { changed?: boolean }) => void;
  /**
   * Keep the open step's form values as typed (see `Draft.typing`). Written to storage at once,
   * so it works while the wizard is being left too; does nothing once the draft is discarded or
   * placed, or when the step was completed after `changedAt` (`performance.now()` of the last edit).
   */
  keepTyping: (step: StepId, typed: TypedValues, changedAt: number) => void;
  goBack: () => void;
  goTo: (step: StepId) => void;
  problems: FieldProblem[];
  setProblems: (problems: FieldProblem[]) => void;
  discard: () => void;
};

export const WizardContext = createContext<WizardContextValue | null>(null);

export function useWizard(): WizardContextValue {
  const value = useContext(WizardContext);
  if (!value) throw new Error('useWizard must be used inside the wizard.');
  return value;
}

/** Server problems for the current step, keyed by `fieldKey` (e.g. `postalCode`, `properties/G/F`). */
export function useStepProblems(): Map<string, string> {
  const { problems, stepId } = useWizard();
  return new Map(problems.filter((problem) => problem.step === stepId).map((problem) => [problem.key, problem.message]));
}
