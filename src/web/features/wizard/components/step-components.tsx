import type { ComponentType } from 'react';
import type { StepId } from '../model/steps.ts';
import { AccessoriesStep } from './steps/accessories-step.tsx';
import { AcknowledgementsStep } from './steps/acknowledgements-step.tsx';
import { CarrierStep } from './steps/carrier-step.tsx';
import { DetailsStep } from './steps/details-step.tsx';
import { DeviceStep } from './steps/device-step.tsx';
import { DevicesStep } from './steps/devices-step.tsx';
import { DoneStep } from './steps/done-step.tsx';
import { FeaturesStep } from './steps/features-step.tsx';
import { LocationStep } from './steps/location-step.tsx';
import { PlanStep } from './steps/plan-step.tsx';
import { ReviewStep } from './steps/review-step.tsx';
import { ServiceStep } from './steps/service-step.tsx';
import { ShippingStep } from './steps/shipping-step.tsx';

/** The component of each step (the steps of each type are data, in model/steps.ts). */
export const stepComponents: Record<StepId, ComponentType> = {
  service: ServiceStep,
  carrier: CarrierStep,
  location: LocationStep,
  device: DeviceStep,
  plan: PlanStep,
  accessories: AccessoriesStep,
  features: FeaturesStep,
  devices: DevicesStep,
  details: DetailsStep,
  acknowledgements: AcknowledgementsStep,
  shipping: ShippingStep,
  review: ReviewStep,
  done: DoneStep,
};
