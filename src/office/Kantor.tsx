/**
 * The console's top level: asks the registry who is signed in, then shows the sign-in page, the
 * forced password change (one-time passwords), or the console itself. The session lives in an HttpOnly
 * cookie, so "who am I" is always the registry's answer, never something stored in the page.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Me } from '../shared/accounts';
import { ApiError, get, post } from './api';
import { LangContext, loadLang, saveLang, translator, type Lang } from './i18n';
import { PasswordForm } from './PasswordForm';
import { SessionContext } from './session';
import { Shell } from './Shell';
import { SignIn } from './SignIn';

type State =
  | { kind: 'loading' }
  | { kind: 'signedOut'; note?: 'signedOutNote' | 'sessionEnded' }
  | { kind: 'in'; me: Me }
  | { kind: 'error'; message: string };

export function Kantor() {
  const [lang, setLangState] = useState<Lang>(loadLang);
  const [state, setState] = useState<State>({ kind: 'loading' });
  const langValue = useMemo(
    () => ({
      lang,
      t: translator(lang),
      setLang: (next: Lang) => {
        saveLang(next);
        setLangState(next);
      },
    }),
    [lang],
  );

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  async function refresh(): Promise<void> {
    try {
      setState({ kind: 'in', me: await get<Me>('/auth/me') });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setState({ kind: 'signedOut' });
      else setState({ kind: 'error', message: (error as Error).message });
    }
  }

  useEffect(() => {
    void refresh();
  }, []);

  async function signOut(): Promise<void> {
    await post('/auth/logout').catch(() => undefined);
    setState({ kind: 'signedOut', note: 'signedOutNote' });
  }

  return (
    <LangContext.Provider value={langValue}>
      {state.kind === 'loading' && <p class="k-center">{langValue.t('loading')}</p>}
      {state.kind === 'error' && (
        <div class="k-center" role="alert">
          <p>{state.message}</p>
          <button type="button" onClick={() => void refresh()}>
            {langValue.t('retry')}
          </button>
        </div>
      )}
      {state.kind === 'signedOut' && <SignIn note={state.note} onSignedIn={() => void refresh()} />}
      {state.kind === 'in' && (
        <SessionContext.Provider
          value={{ me: state.me, sessionEnded: () => setState({ kind: 'signedOut', note: 'sessionEnded' }) }}
        >
          {state.me.mustChangePassword ? (
            <main class="k-auth">
              <h1>{langValue.t('changePasswordTitle')}</h1>
              <p>{langValue.t('mustChangeIntro')}</p>
              <PasswordForm onChanged={() => void refresh()} />
              <button type="button" class="k-link" onClick={() => void signOut()}>
                {langValue.t('signOut')}
              </button>
            </main>
          ) : (
            <Shell onSignOut={() => void signOut()} />
          )}
        </SessionContext.Provider>
      )}
    </LangContext.Provider>
  );
}
