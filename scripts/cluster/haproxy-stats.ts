/** A backend server's state as HAProxy's health checks see it: 'UP', 'DOWN', 'UP 1/2', 'NOLB'… */
export type ServerStates = Record<string, string>;

/** Reads the `buzzi_nodes` servers' states from the stats page's CSV export. */
export async function readServerStates(statsUrl: string, backend = 'buzzi_nodes') {
  const response = await fetch(`${statsUrl}/;csv`);
  if (!response.ok) throw new Error(`HAProxy stats answered ${response.status}`);
  const [header = '', ...rows] = (await response.text()).trim().split('\n');
  const columns = header.replace(/^# /, '').split(',');
  const column = (name: string) => columns.indexOf(name);
  const states: ServerStates = {};
  for (const row of rows) {
    const cells = row.split(',');
    const name = cells[column('svname')] ?? '';
    if (cells[column('pxname')] !== backend || name === 'BACKEND' || name === 'FRONTEND') continue;
    states[name] = cells[column('status')] ?? '';
  }
  return states;
}
