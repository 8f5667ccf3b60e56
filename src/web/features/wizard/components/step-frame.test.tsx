import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StepFrame } from './step-frame.tsx';

vi.mock('./wizard-context.tsx', () => ({ useWizard: () => ({ steps: ['plan', 'review'], stepId: 'plan', goBack: () => undefined, problems: [] }) }));

afterEach(cleanup);

describe('StepFrame', () => {
  it('answers a click on Continue, but not the second click of a double click carried over from the step before', () => {
    const onContinue = vi.fn();
    render(
      <StepFrame title="Choose a plan" onContinue={onContinue}>
        <p>Plans</p>
      </StepFrame>,
    );
    const button = screen.getByRole('button', { name: 'Continue' });
    fireEvent.click(button, { detail: 2 });
    expect(onContinue).not.toHaveBeenCalled();
    fireEvent.click(button, { detail: 1 });
    expect(onContinue).toHaveBeenCalledTimes(1);
  });

  it('does not submit a step form on the second click of a double click', () => {
    const onSubmit = vi.fn((event: Event) => event.preventDefault());
    render(
      <StepFrame title="Order details" formId="details-form">
        <form id="details-form" onSubmit={(event) => onSubmit(event.nativeEvent)} />
      </StepFrame>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }), { detail: 2 });
    expect(onSubmit).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }), { detail: 1 });
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });
});
