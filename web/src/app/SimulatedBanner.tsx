import { isSimulated, useOrg } from './org';

/** Said on every page while the shown org is the built-in simulator: its data and evidence are not a real org's. */
export function SimulatedBanner() {
  const { current } = useOrg();
  if (!isSimulated(current)) return null;
  return (
    <div className="banner banner-simulated" role="status">
      <strong>Simulated data.</strong> {current?.org} is the built-in simulated Okta org, not a real one: its tests and evidence are
      labelled simulated and prove nothing about a real organization.
    </div>
  );
}
