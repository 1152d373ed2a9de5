/** The remote side of a connection: its reverse-DNS name ("unknown" when it has none) and address. */
export interface Client {
  readonly name: string;
  readonly ip: string;
}
