/** Area codes are Kemendagri codes without dots: kecamatan 6 digits, kelurahan 10 digits. */
export interface Kecamatan {
  kode: string;
  nama: string;
}

export interface Kelurahan {
  kode: string;
  nama: string;
  kecamatanKode: string;
  /** Spellings used by other sources, matched by search. */
  aliases: readonly string[];
}
