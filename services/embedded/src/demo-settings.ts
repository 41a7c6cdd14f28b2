/**
 * Asperion settings of the demo connection, matching the simulator's default administration
 * 12345 (NL VAT codes H 21 %, L 9 %, N 0 %; revenue 8000/8020/8030; shipping 8010).
 */
export function asperionDemoSettings(asperionUrl: string) {
  return {
    apiBaseUrl: asperionUrl,
    identityBaseUrl: asperionUrl,
    tenantId: 12345,
    journalId: 'VK',
    invoiceNumberPrefix: 'WEB-',
    revenueAccounts: [
      { vatRateBp: 2100, ledgerAccountId: 8000 },
      { vatRateBp: 900, ledgerAccountId: 8020 },
      { vatRateBp: 0, ledgerAccountId: 8030 },
    ],
    vatCodes: [
      { vatRateBp: 2100, vatCode: 'H' },
      { vatRateBp: 900, vatCode: 'L' },
      { vatRateBp: 0, vatCode: 'N' },
    ],
    shippingLedgerAccountId: 8010,
    checkProducts: false,
  };
}
