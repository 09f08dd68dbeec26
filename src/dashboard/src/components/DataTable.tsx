import type { ReactNode } from 'react';
import { Table, TableContainer, TBody, TH, THead } from './ui/Table';

type DataTableProps = {
  /** The header cells (<TH>). */
  head: ReactNode;
  /** Adds a last header cell, named "Actions" for screen readers, over the rows' buttons. */
  withActions?: boolean;
  /** The rows (<TR>). */
  children: ReactNode;
};

/** A list's table: one header row, then the rows; scrolls sideways on narrow screens. */
export function DataTable({ head, withActions = false, children }: DataTableProps) {
  return (
    <TableContainer>
      <Table>
        <THead>
          <tr>
            {head}
            {withActions && (
              <TH>
                <span className="sr-only">Actions</span>
              </TH>
            )}
          </tr>
        </THead>
        <TBody>{children}</TBody>
      </Table>
    </TableContainer>
  );
}
