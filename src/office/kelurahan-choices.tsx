/** The kelurahan an officer can choose from, by name: all 57 for the city, an operator's own otherwise. */
import { KELURAHAN, type Kelurahan } from '../shared/reference';

const BY_NAME: readonly Kelurahan[] = [...KELURAHAN].sort((a, b) => a.nama.localeCompare(b.nama, 'id'));

export function kelurahanChoices(scope: readonly string[] | null = null): readonly Kelurahan[] {
  return scope === null ? BY_NAME : BY_NAME.filter((k) => scope.includes(k.kode));
}

/** `<option>`s for those kelurahan, value = the code. */
export function KelurahanOptions(props: { scope?: readonly string[] | null }) {
  return (
    <>
      {kelurahanChoices(props.scope ?? null).map((k) => (
        <option key={k.kode} value={k.kode}>
          {k.nama}
        </option>
      ))}
    </>
  );
}
