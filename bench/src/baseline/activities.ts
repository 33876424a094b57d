/** Three activities that do nothing: the floor for a three-step workflow's cost on this server. */
export async function noopReserve(_input: unknown): Promise<void> {}
export async function noopCharge(_input: unknown): Promise<void> {}
export async function noopShip(_input: unknown): Promise<void> {}
