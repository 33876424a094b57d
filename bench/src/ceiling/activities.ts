/** Activities that do nothing: the saga's four forward steps without their business (no SQLite, no I/O). */
export async function noopReserve(_input: unknown): Promise<{ reservationId: string; totalAmount: number }> {
  return { reservationId: 'r', totalAmount: 109.98 };
}
export async function noopCharge(_input: unknown): Promise<{ paymentId: string }> {
  return { paymentId: 'p' };
}
export async function noopConfirm(_input: unknown): Promise<void> {}
export async function noopShip(_input: unknown): Promise<{ shipmentId: string }> {
  return { shipmentId: 's' };
}
