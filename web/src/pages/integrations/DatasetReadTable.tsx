import { ScrollBox } from '../../components/ScrollBox';

/** One dataset of a Test connection answer, its state already put in words (Okta and GitHub name their states apart). */
export interface DatasetReadRow {
  key: string;
  label: string;
  state: { text: string; tone: string };
  permissionNeeded?: string | undefined;
  reason?: string | null | undefined;
}

/** "What this credential can read": per dataset readable / not permitted (and what to grant) / error, for Okta and GitHub. */
export function DatasetReadTable({ rows }: { rows: DatasetReadRow[] }) {
  return (
    <ScrollBox label="What this credential can read">
      <table>
        <caption>What this credential can read</caption>
        <thead>
          <tr>
            <th scope="col">Dataset</th>
            <th scope="col">Result</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <td>{row.label}</td>
              <td>
                <span className={`state ${row.state.tone}`}>{row.state.text}</span>
              </td>
              <td>{row.permissionNeeded !== undefined ? `Needs: ${row.permissionNeeded}` : (row.reason ?? '')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}
