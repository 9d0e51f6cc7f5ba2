"""The printed tillægsaftale read back with pypdf and rendered with pdftoppm."""
from __future__ import annotations

import io

from PIL import Image
from pypdf import PdfReader

from app.documents.addendum import SECTION_TITLES
from app.documents.page import MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, PAGE_HEIGHT, PAGE_WIDTH
from app.formatting import fmt_date, fmt_kr
from app.rules.hours import monthly_wage_ore
from app.services import addenda, placements
from tests.test_addendum_helpers import TODAY, flat, make_placement, pdf_text, render_pngs


def test_every_section_and_key_value_is_in_the_text(ctx):
    made = make_placement(ctx)
    _, pdf, _ = addenda.print_addendum(ctx, made.placement_id)
    text = flat("\n".join(pdf_text(pdf)))
    for number, title in enumerate(SECTION_TITLES, start=1):
        assert f"{number}. {title}" in text
    expected = [
        "Bøgeskov Æblemost & Ørred ApS", made.cvr, "1012345678", "Åbrinken 12, 8600 Silkeborg",
        "Åse Ærtebjerg", "Værkfører", "Søren Østergård Æbelø", "Læsøgade 3, 2. th., 8000 Aarhus C",
        "Kommunens beskæftigelsesenhed", "Job med løntilskud (skånejob)", "Gartnermedhjælper",
        "Plukke æbler.", "Løft over 15 kg. Kørsel med truck.",
        "Mandag 08:00 12:00 4 t", "Onsdag 08:30 14:00 5,5 t", "I alt 9,5 t",
        "Fremmødetimer pr. uge 9,5 t", "Arbejdsintensitet 40 %", "Løntimer pr. uge 3,8 t",
        "Timeløn 145,50 kr.", "3F Det Grønne Område", "Virksomheden betaler løn til borgeren",
        "25,75 kr. pr. time", fmt_kr(monthly_wage_ore(14550, 3.8)),
        "Mentor: Jørgen fra Støttecentret", "Aftalen justeres på opfølgningsmøderne",
    ]
    for value in expected + made.accommodation_texts:
        assert value in text, value
    for day in made.milestone_dates:
        assert fmt_date(day) in text
    assert "2.395,90 kr." in text  # thousands separator and decimal comma


def test_each_page_has_header_version_and_page_numbers(ctx):
    made = make_placement(ctx)
    dto, pdf, _ = addenda.print_addendum(ctx, made.placement_id)
    pages = pdf_text(pdf)
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert f"Side {number} af {len(pages)}" in page
        assert f"Version 1, {fmt_date(dto.printed_at.date())}" in page
        assert "Kommunens beskæftigelsesenhed" in page


def test_fonts_are_embedded_dejavu_and_metadata_is_set(ctx):
    made = make_placement(ctx)
    _, pdf, _ = addenda.print_addendum(ctx, made.placement_id)
    reader = PdfReader(io.BytesIO(pdf))
    seen = set()
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor.get_object(), font["/BaseFont"]
            seen.add(str(font["/BaseFont"]).split("+")[-1])
    assert seen <= {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"} and "DejaVuSans" in seen
    meta = reader.metadata
    assert meta.title.startswith("Tillægsaftale – Søren Østergård Æbelø – version 1")
    assert "Kommunens beskæftigelsesenhed" in meta.author
    assert "Bøgeskov" in meta.subject


def test_empty_sections_say_so(ctx):
    from app.services import citizens

    citizen = citizens.create_citizen(ctx, name="Åge Nielsen")
    p = placements.create_placement(ctx, citizen.id, placement_type="intern_laering", start_date=TODAY,
                                    internal_unit="Værkstedet")
    _, pdf, _ = addenda.print_addendum(ctx, p.id)
    text = flat("\n".join(pdf_text(pdf)))
    for phrase in ("Intern arbejdsplads Værkstedet", "Ingen fast kontaktperson angivet.",
                   "Ingen arbejdsopgaver beskrevet.", "Intet ugeskema aftalt.", "Ingen timer aftalt endnu.",
                   "Ingen lønaftale registreret.", "Ingen skånehensyn aftalt.", "Ingen delmål aftalt.",
                   "Ingen hjælpemidler, mentor eller anden støtte aftalt.", "10. Underskrifter"):
        assert phrase in text, phrase


def _text_origins(pdf: bytes) -> list[list[tuple[float, float, str]]]:
    """Where each text run starts, per page, in page coordinates."""
    out = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        runs: list[tuple[float, float, str]] = []

        def visit(text, cm, tm, font, size, runs=runs):
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                runs.append((x, y, text))
        page.extract_text(visitor_text=visit)
        out.append(runs)
    return out


def _side_margins_blank(png) -> bool:
    """No ink in the left and right margins (a little inside the 20 mm)."""
    image = Image.open(png).convert("L")
    width, height = image.size
    edge = int(width * (MARGIN_X - 3) / PAGE_WIDTH)
    for x in list(range(0, edge)) + list(range(width - edge, width)):
        for y in range(height):
            if image.getpixel((x, y)) < 200:
                return False
    return True


def test_long_content_flows_onto_more_pages_inside_the_margins(ctx):
    short = make_placement(ctx)
    _, short_pdf, _ = addenda.print_addendum(ctx, short.placement_id)
    words = "Borgeren <passer> & sorterer æbler, pærer og blommer på pakkeriet i Ølstykke. "
    long_task = (words * (5000 // len(words) + 1))[:5000]
    long = make_placement(ctx, n_accommodations=30, task_text=long_task, milestones=12)
    _, long_pdf, _ = addenda.print_addendum(ctx, long.placement_id)
    short_pages, long_pages = pdf_text(short_pdf), pdf_text(long_pdf)
    assert len(long_pages) > len(short_pages) + 1
    text = flat("\n".join(long_pages))
    assert "<passer> & sorterer" in text  # user text is escaped, not read as markup
    for value in long.accommodation_texts:
        assert value in text, value
    top, bottom = PAGE_HEIGHT - MARGIN_TOP, MARGIN_BOTTOM
    for runs in _text_origins(long_pdf):
        for x, y, run in runs:
            assert MARGIN_X - 0.5 <= x <= PAGE_WIDTH - MARGIN_X, (x, run)
            in_body = bottom - 1 <= y <= top + 1
            in_header_or_footer = y > PAGE_HEIGHT - 16 * 2.835 or y < 12 * 2.835
            assert in_body or in_header_or_footer, (y, run)
    table_pages = [p for p in long_pages if "Lægeerklæring" in p]  # the source column of section 6
    assert len(table_pages) >= 2
    assert all("Område" in p and "Kilde" in p for p in table_pages)  # the header repeats
    last_with_signatures = [p for p in long_pages if "10. Underskrifter" in p]
    assert len(last_with_signatures) == 1 and "Underskrift – Søren Østergård Æbelø" in last_with_signatures[0]
    assert last_with_signatures[0].count("Dato") == 3  # the block is not split from its heading
    for name, pdf in (("addendum-short", short_pdf), ("addendum-long", long_pdf)):
        pngs = render_pngs(pdf, name)
        assert len(pngs) == len(PdfReader(io.BytesIO(pdf)).pages)
        assert all(_side_margins_blank(png) for png in pngs), name


def test_a_very_long_skaanehensyn_splits_inside_its_table_row(ctx):
    from app.services import accommodations

    made = make_placement(ctx, n_accommodations=1, milestones=0)
    accommodations.add_accommodation(ctx, made.citizen_id, category="andet", source="borger",
                                     text="Lang beskrivelse med æøå. " * 400, start_date=TODAY,
                                     placement_id=made.placement_id)
    _, pdf, _ = addenda.print_addendum(ctx, made.placement_id)
    assert len(pdf_text(pdf)) >= 4


def test_signature_block_and_short_tables_never_split_wherever_they_fall(ctx):
    """Grow the document line by line so the signature block and the
    milestone table land at every height of a page."""
    import json
    from datetime import datetime

    from app.documents.addendum import render
    from app.services.addendum_versions import latest_version

    made = make_placement(ctx, n_accommodations=1)
    addenda.print_addendum(ctx, made.placement_id)
    with ctx.uow() as s:
        snapshot = json.loads(latest_version(s, made.placement_id).content)
    base = snapshot["placement"]["tasks"]
    for extra in range(0, 40, 2):  # each paragraph moves everything after section 3 down a line
        snapshot["placement"]["tasks"] = base + "\n\n" + "\n\n".join(f"Opgave {i}." for i in range(extra))
        pages = pdf_text(render(snapshot, 1, datetime(2026, 11, 23, 12, 0)))
        signed = [p for p in pages if "10. Underskrifter" in p]
        assert len(signed) == 1 and signed[0].count("Dato") == 3, extra
        milestone_pages = [p for p in pages if "Delmål 1:" in p]
        assert "Delmål 3:" in milestone_pages[0] and "7. Progression" in milestone_pages[0]
