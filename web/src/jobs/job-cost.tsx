import type { CostLedger } from '../../../shared/contracts/api';
import { formatRate, formatUsd } from '../../../shared/domain/job-cost';
import './job-cost.css';

const quantityFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

/** What the job has cost: the total, and, opened, every line of the ledger with its quantity and rate. */
export function JobCost({ cost }: { cost: CostLedger }) {
  return (
    <details class="job-cost">
      <summary title="Provider fees and AWS charges at list prices">Cost {formatUsd(cost.totalUsd)}</summary>
      <table class="job-cost-lines">
        <caption>What this lecture cost, at rates checked {cost.ratesCheckedOn}</caption>
        <tbody>
          {cost.lines.map((line) => (
            <tr key={line.item}>
              <th scope="row">{line.label}</th>
              <td>
                {quantityFormat.format(line.quantity)} {line.unit} at {formatRate(line.rateUsd)}
                {line.per === 1 ? ' each' : ` per ${quantityFormat.format(line.per)}`}
              </td>
              <td class="job-cost-usd">{formatUsd(line.usd)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td />
            <td class="job-cost-usd">{formatUsd(cost.totalUsd)}</td>
          </tr>
        </tfoot>
      </table>
    </details>
  );
}
