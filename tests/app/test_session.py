"""The app's model layer without a browser: its tables are the bytes ``spinrelax report
--settings`` writes for the saved choices, and a choice the fits refuse changes nothing."""

import pytest

from spinrelax.app.session import Session, table_bytes
from spinrelax.cli import main
from spinrelax.errors import SpinrelaxError

FILE = "mpms3_ErCOT_I_THF2_ACvsF.dat"


@pytest.fixture
def session(realdata_dir):
    return Session.load([str(realdata_dir / FILE)])


def _choose(session):
    """One spectrum and two points of another spectrum excluded, a tau(T) law chosen; refitted
    after every click as the app does (only the changed spectra: the cache is in the test)."""
    pts = session.points
    session.analyse()
    cold = pts.loc[pts["T_K_spectrum"] == pts["T_K_spectrum"].min()].iloc[0]
    session.toggle_spectrum(cold["T_K_spectrum"], cold["H_Oe_spectrum"], "peak below the window")
    session.analyse()
    hot = pts.loc[pts["spectrum"] == 0]
    for k in (0, 5):
        session.toggle_point(hot["T_K"].iloc[k], hot["H_Oe"].iloc[k], hot["freq_Hz"].iloc[k],
                             "spike" if k else "")  # fmt: skip
        session.analyse()
    session.set_rates(law="raman", T_min_K=5.2)


def test_saved_settings_give_the_tables_the_app_showed(session, tmp_path):
    _choose(session)
    shown = session.analyse()
    assert session.save(tmp_path / "s.yaml", tmp_path / "saved") == 0
    other = tmp_path / "by_hand"
    argv = ["report", *session.files, "-o", str(other), "--settings", str(tmp_path / "s.yaml")]
    assert main(argv) == 0
    for name, table in shown.tables.items():
        for folder in ("saved", "by_hand"):
            written = (tmp_path / folder / "tables" / f"{name}.csv").read_bytes()
            assert written == table_bytes(table), (folder, name)
    rejected = (other / "tables" / "rejected_rows.csv").read_text()
    assert rejected.count("excluded by the user (spectrum") == 30
    assert rejected.count("excluded by the user (point") == 2 and rejected.count(": spike") == 1
    assert len(shown.fits) == 17
    assert set(shown.results.parameters["law"]) == {"raman"}


@pytest.mark.parametrize("model", ["debye", "auto"])
def test_refit_after_a_click_equals_a_fresh_fit(session, model):
    session.choices.model = model
    session.analyse()
    p = session.points.iloc[200]
    session.toggle_point(p["T_K"], p["H_Oe"], p["freq_Hz"])
    cached = session.analyse().tables["spectra_fits"]
    fresh = Session(session.files, session.sample, session.points, session.rejected,
                    session.choices).analyse().tables["spectra_fits"]  # fmt: skip
    assert table_bytes(cached) == table_bytes(fresh)


def test_toggling_twice_restores_the_choice(session):
    p = session.points.iloc[3]
    session.toggle_point(p["T_K"], p["H_Oe"], p["freq_Hz"])
    assert len(session.choices.exclude_points) == 1
    session.toggle_point(p["T_K"], p["H_Oe"], p["freq_Hz"])
    assert session.choices.exclude_points == []


def test_bad_rate_choice_leaves_the_choices(session):
    with pytest.raises(ValueError):
        session.set_rates(law="orbach+warp")
    assert session.choices.rates == {}
    session.set_rates(law="orbach+raman")  # sits at a bound on this file: the fit refuses it
    with pytest.raises(SpinrelaxError, match="at bound"):
        session.analyse()
