/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-audience-lists.c: the audience's Frame, and the lists the room
 * reads in Diagnose, Prioritise, Commit and Close.
 *
 * A list is a run of rows (a heading, a friction point, an action), each
 * drawn by one function that can also just measure it, so that the rows
 * are laid out on pages with the same code that draws them. A list too long
 * for the screen goes on to a further page, never down to a smaller text;
 * a page that starts inside a group repeats the group's heading, so that
 * every page says what its rows are.
 */
#define G_LOG_DOMAIN "staple-audience"

#include "config.h"

#include <glib/gi18n.h>

#include "staple-audience-lists-private.h"
#include "staple-text.h"

/* Room left at the foot of a list for "Page 2 of 3". */
#define FOOTER_HEIGHT 44.0

double
_staple_audience_put_text (AudienceContext *ctx,
                           gboolean         draw,
                           const char      *text,
                           double           x,
                           double           y,
                           double           width,
                           double           size_px,
                           int              weight,
                           int              max_lines,
                           const double    *rgb)
{
  if (draw)
    return _staple_audience_text (ctx, text, x, y, width, size_px, weight, max_lines, rgb);
  return _staple_audience_text_height (ctx, text, width, size_px, weight, max_lines);
}

/* A count as the reader's locale writes numbers ("12,000" or "12 000"). */
char *
_staple_audience_format_count (guint count)
{
  return g_strdup_printf ("%'u", count);
}

AudienceList *
_staple_audience_list_new (void)
{
  AudienceList *list = g_new0 (AudienceList, 1);

  list->rows = g_array_new (FALSE, TRUE, sizeof (AudienceRow));
  list->strings = g_ptr_array_new_with_free_func (g_free);
  list->current_group = -1;
  return list;
}

void
_staple_audience_list_free (AudienceList *list)
{
  g_array_unref (list->rows);
  g_ptr_array_unref (list->strings);
  g_free (list);
}

/* A heading: the rows added after it, up to the next heading, are its
 * group. */
AudienceRow *
_staple_audience_list_add_heading (AudienceList   *list,
                                   AudienceRowFunc func,
                                   double          space_before)
{
  AudienceRow row = { .func = func, .heading = TRUE, .group = -1,
                      .space_before = space_before };

  g_array_append_val (list->rows, row);
  list->current_group = (int) list->rows->len - 1;
  return &g_array_index (list->rows, AudienceRow, list->rows->len - 1);
}

AudienceRow *
_staple_audience_list_add (AudienceList   *list,
                           AudienceRowFunc func,
                           double          space_before)
{
  AudienceRow row = { .func = func, .group = list->current_group,
                      .space_before = space_before };

  g_array_append_val (list->rows, row);
  return &g_array_index (list->rows, AudienceRow, list->rows->len - 1);
}

/* Keeps @text for as long as the list. */
const char *
_staple_audience_list_keep (AudienceList *list,
                            char         *text)
{
  g_ptr_array_add (list->strings, text);
  return text;
}

static AudienceRow *
row_at (AudienceList *list,
        guint         i)
{
  return &g_array_index (list->rows, AudienceRow, i);
}

/* The height a row takes on a page that starts with it: its heading's,
 * repeated, if it is inside a group. */
static double
page_top (AudienceList *list,
          guint         i)
{
  AudienceRow *row = row_at (list, i);

  if (row->heading || row->group < 0)
    return row->height;
  return row_at (list, (guint) row->group)->continued_height + row->space_before + row->height;
}

/* How many items the group headed by row @heading has. */
static guint
group_size (AudienceList *list,
            guint         heading)
{
  guint n = 0;

  for (guint i = heading + 1; i < list->rows->len && row_at (list, i)->group == (int) heading; i++)
    n++;
  return n;
}

/* The height rows @from to @to (not included) add after a row on the same
 * page. */
static double
rows_height (AudienceList *list,
             guint         from,
             guint         to)
{
  double height = 0;

  for (guint i = from; i < to && i < list->rows->len; i++)
    height += row_at (list, i)->space_before + row_at (list, i)->height;
  return height;
}

/* The first row of each page, for pages @page_height high. A heading
 * starts a page's foot only with two of its rows (or its one), the last
 * row of a group never goes on alone, and, with @breaks, a row that asks
 * to start a page does. A page breaks where a page would otherwise keep a
 * heading with a single of its rows: the heading goes on with them. */
static GArray *
paginate (AudienceList *list,
          double        page_height,
          gboolean      breaks)
{
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (guint));
  guint start = 0;
  double y = 0;

  g_array_append_val (starts, start);
  for (guint i = 0; i < list->rows->len; i++)
    {
      AudienceRow *row = row_at (list, i);
      double need = (i == start ? page_top (list, i) : row->space_before + row->height);

      if (row->heading)
        need += rows_height (list, i + 1, i + 1 + MIN (group_size (list, i), 2));
      else if (row->group >= 0)
        {
          guint n = group_size (list, (guint) row->group);
          guint k = i - (guint) row->group - 1;

          /* The last but one waits for the last. */
          if (n >= 2 && k == n - 2)
            need += rows_height (list, i + 1, i + 2);
        }

      if (i != start && ((breaks && row->page_break) || y + need > page_height))
        {
          guint next = i;

          /* A heading on this page with fewer than two of its rows goes on
           * to the next with them, if the page has anything above it. */
          if (!row->heading && row->group >= 0 && (guint) row->group > start
              && i - (guint) row->group - 1 < 2)
            next = (guint) row->group;
          start = next;
          g_array_append_val (starts, start);
          y = page_top (list, start);
          i = start;
          continue;
        }
      y += (i == start ? page_top (list, i) : row->space_before + row->height);
    }
  return starts;
}

static void
draw_footer (AudienceContext         *ctx,
             const cairo_rectangle_t *area,
             guint                    page,
             guint                    n_pages)
{
  g_autofree char *page_text = _staple_audience_format_count (page + 1);
  g_autofree char *pages_text = _staple_audience_format_count (n_pages);
  /* Translators: which page of a phase's list the room sees, e.g. "Page 2 of 3" */
  g_autofree char *text = g_strdup_printf (_("Page %s of %s"), page_text, pages_text);
  double width = _staple_audience_text_width (ctx, text, AUDIENCE_TEXT_SMALL,
                                              PANGO_WEIGHT_BOLD);
  double y = area->y + area->height - FOOTER_HEIGHT + 12;
  double dot_x;

  width = MIN (width, area->width / 2);
  _staple_audience_text (ctx, text, area->x + area->width - width, y, width,
                         AUDIENCE_TEXT_SMALL, PANGO_WEIGHT_BOLD, 1, ctx->palette->dim);

  /* A dot per page, the one shown filled: how far through the list the
   * room is, at a glance, as long as they are few enough to count. */
  if (n_pages > 12)
    return;
  dot_x = area->x + area->width - width - 24 - 22.0 * n_pages;
  for (guint i = 0; i < n_pages; i++)
    {
      cairo_arc (ctx->cr, dot_x + 22.0 * i + 8, y + 15, 6, 0, 2 * G_PI);
      _staple_audience_fill_rgb (ctx->cr, i == page ? ctx->palette->accent
                                                    : ctx->palette->border);
      cairo_fill (ctx->cr);
    }
}

/* Lays @list out in @area, page by page, sets the number of pages and draws
 * the options' page. */
void
_staple_audience_list_draw (AudienceContext         *ctx,
                            AudienceList            *list,
                            const cairo_rectangle_t *area)
{
  g_autoptr(GArray) starts = NULL;
  double total = 0;
  guint page, first, end;
  double y;

  if (list->rows->len == 0)
    return;

  for (guint i = 0; i < list->rows->len; i++)
    {
      AudienceRow *row = row_at (list, i);

      row->height = row->func (ctx, row, area->x, 0, area->width, FALSE);
      if (row->heading)
        {
          AudienceRow continued = *row;

          continued.continued = TRUE;
          row->continued_height = row->func (ctx, &continued, area->x, 0, area->width, FALSE);
        }
      total += (i > 0 ? row->space_before : 0) + row->height;
    }

  /* A list that fits is one page, without a footer; one that does not
   * keeps room for the footer on every page, and starts a page where its
   * rows ask to. */
  if (total <= area->height)
    starts = paginate (list, area->height, FALSE);
  else
    starts = paginate (list, area->height - FOOTER_HEIGHT, TRUE);
  ctx->stats->n_pages = starts->len;
  page = MIN (ctx->options->page, starts->len - 1);
  first = g_array_index (starts, guint, page);
  end = page + 1 < starts->len ? g_array_index (starts, guint, page + 1) : list->rows->len;

  cairo_save (ctx->cr);
  cairo_rectangle (ctx->cr, area->x, area->y, area->width, area->height);
  cairo_clip (ctx->cr);

  y = area->y;
  if (!row_at (list, first)->heading && row_at (list, first)->group >= 0)
    {
      AudienceRow heading = *row_at (list, (guint) row_at (list, first)->group);

      heading.continued = TRUE;
      heading.func (ctx, &heading, area->x, y, area->width, TRUE);
      y += heading.continued_height + row_at (list, first)->space_before;
    }
  for (guint i = first; i < end; i++)
    {
      AudienceRow *row = row_at (list, i);

      if (i != first)
        y += row->space_before;
      row->func (ctx, row, area->x, y, area->width, TRUE);
      y += row->height;
    }

  if (starts->len > 1)
    draw_footer (ctx, area, page, starts->len);
  cairo_restore (ctx->cr);
}

/* Rows any phase uses */

/* A heading repeated atop a page inside its group. */
char *
_staple_audience_continued (const char *title)
{
  g_autofree char *isolated = staple_text_isolate (title);

  /* Translators: a heading repeated atop the next page of its list,
   * e.g. "Trust people’s judgement (continued)" */
  return g_strdup_printf (_("%s (continued)"), isolated);
}

/* A section's title, and under it what the section is, dimmer; repeated
 * atop a page inside the section, the title alone, said to continue. */
double
_staple_audience_row_section (AudienceContext   *ctx,
                              const AudienceRow *row,
                              double             x,
                              double             y,
                              double             width,
                              gboolean           draw)
{
  g_autofree char *continued = row->continued ? _staple_audience_continued (row->text) : NULL;
  double count_width = 0;
  gboolean detail_below = FALSE;
  double height;

  /* The detail beside the heading, on the right; under it if it is too long
   * for a third of the line (as it is in German). */
  if (row->detail != NULL)
    {
      count_width = _staple_audience_text_width (ctx, row->detail, AUDIENCE_TEXT_SMALL,
                                                 PANGO_WEIGHT_NORMAL);
      detail_below = count_width > width / 3;
      if (detail_below)
        count_width = 0;
      else
        {
          if (draw)
            _staple_audience_text (ctx, row->detail, x + width - count_width, y + 6,
                                   count_width + 1, AUDIENCE_TEXT_SMALL, PANGO_WEIGHT_NORMAL, 1,
                                   ctx->palette->dim);
          count_width += 24;
        }
    }

  height = _staple_audience_put_text (ctx, draw, continued != NULL ? continued : row->text,
                                      x + 20, y, width - 20 - count_width, AUDIENCE_TEXT_BODY,
                                      PANGO_WEIGHT_BOLD, 2, ctx->palette->accent);
  if (detail_below)
    height += 2 + _staple_audience_put_text (ctx, draw, row->detail, x + 20, y + height + 2,
                                             width - 20, AUDIENCE_TEXT_SMALL,
                                             PANGO_WEIGHT_NORMAL, 2, ctx->palette->dim);
  /* Said once, on the page the group starts on. */
  if (row->subtitle != NULL && !row->continued)
    height += 2 + _staple_audience_put_text (ctx, draw, row->subtitle, x + 20, y + height + 2,
                                             width - 20, AUDIENCE_TEXT_SMALL,
                                             PANGO_WEIGHT_NORMAL, 3, ctx->palette->dim);
  if (draw)
    {
      cairo_rectangle (ctx->cr, x, y + 2, 6, height - 4);
      _staple_audience_fill_rgb (ctx->cr, ctx->palette->accent);
      cairo_fill (ctx->cr);
    }
  return height;
}

/* A sentence on its own, in place of a list that has nothing in it yet. */
double
_staple_audience_row_note (AudienceContext   *ctx,
                           const AudienceRow *row,
                           double             x,
                           double             y,
                           double             width,
                           gboolean           draw)
{
  return _staple_audience_put_text (ctx, draw, row->text, x + 20, y, width - 20,
                                    AUDIENCE_TEXT_BODY, PANGO_WEIGHT_NORMAL, 3,
                                    ctx->palette->dim);
}

/* A round mark in front of an item, level with its first line. */
void
_staple_audience_bullet (AudienceContext *ctx,
                         double           x,
                         double           y,
                         const double    *rgb)
{
  cairo_arc (ctx->cr, x, y + 18, 6, 0, 2 * G_PI);
  _staple_audience_fill_rgb (ctx->cr, rgb != NULL ? rgb : ctx->palette->accent);
  cairo_fill (ctx->cr);
}

/* Frame */

/* A label, dimmer, and what it labels, as long as there is something. */
static double
draw_field (AudienceContext *ctx,
            const char      *label,
            const char      *value,
            double           x,
            double           y,
            double           width,
            int              max_lines)
{
  double height;

  if (value == NULL || *value == '\0')
    return 0;

  height = _staple_audience_text (ctx, label, x, y, width, AUDIENCE_TEXT_SMALL,
                                  PANGO_WEIGHT_BOLD, 1, ctx->palette->dim);
  height += _staple_audience_text (ctx, value, x, y + height, width, AUDIENCE_TEXT_BODY,
                                   PANGO_WEIGHT_NORMAL, max_lines, NULL);
  return height + 20;
}

/* A participant's name, and their role beside it if it fits, under it if
 * not. */
static double
participant_height (AudienceContext   *ctx,
                    StapleParticipant *participant,
                    double             x,
                    double             y,
                    double             width,
                    gboolean           draw)
{
  const char *name = staple_participant_get_name (participant);
  const char *role = staple_participant_get_role (participant);
  double name_width = MIN (_staple_audience_text_width (ctx, name, AUDIENCE_TEXT_BODY,
                                                        PANGO_WEIGHT_BOLD),
                           width);
  double role_width = _staple_audience_text_width (ctx, role, AUDIENCE_TEXT_SMALL,
                                                   PANGO_WEIGHT_NORMAL);
  /* Translators: in the list of people in the room, for someone with no name yet */
  double height = _staple_audience_put_text (ctx, draw, *name != '\0' ? name : _("Unnamed"),
                                             x, y, width, AUDIENCE_TEXT_BODY,
                                             PANGO_WEIGHT_BOLD, 1, NULL);

  if (*role == '\0')
    return height;
  if (name_width + 16 + role_width <= width)
    {
      _staple_audience_put_text (ctx, draw, role, x + name_width + 16, y + 4,
                                 width - name_width - 16, AUDIENCE_TEXT_SMALL,
                                 PANGO_WEIGHT_NORMAL, 1, ctx->palette->dim);
      return height;
    }
  return height + _staple_audience_put_text (ctx, draw, role, x, y + height, width,
                                             AUDIENCE_TEXT_SMALL, PANGO_WEIGHT_NORMAL, 1,
                                             ctx->palette->dim);
}

/* The name drawn for a participant. */
static const char *
participant_name (StapleParticipant *participant)
{
  const char *name = staple_participant_get_name (participant);

  /* Translators: in the list of people in the room, for someone with no name yet */
  return *name != '\0' ? name : _("Unnamed");
}

/* How many columns the names alone take in @width: as many as four, as
 * long as each is wide enough for every name on one line; one, with the
 * names wrapped, if even two are not. Sets @column to a column's width. */
static guint
names_columns (AudienceContext *ctx,
               GListModel      *participants,
               double           width,
               double          *column)
{
  guint n = g_list_model_get_n_items (participants);
  double widest = 0;
  guint n_columns;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StapleParticipant) participant = g_list_model_get_item (participants, i);

      widest = MAX (widest, _staple_audience_text_width (ctx, participant_name (participant),
                                                         AUDIENCE_TEXT_BODY,
                                                         PANGO_WEIGHT_BOLD));
    }
  for (n_columns = 4; n_columns > 1; n_columns--)
    if ((width - 32 * (n_columns - 1)) / n_columns >= widest)
      break;
  *column = (width - 32 * (n_columns - 1)) / n_columns;
  return n_columns;
}

/* The names alone from @first on, down each column of @area in turn, as
 * many as fit (at least one); drawn if @draw. Returns the index after the
 * last that fits. */
static guint
names_grid (AudienceContext         *ctx,
            GListModel              *participants,
            guint                    first,
            const cairo_rectangle_t *area,
            gboolean                 draw)
{
  guint n = g_list_model_get_n_items (participants);
  double column;
  guint n_columns = names_columns (ctx, participants, area->width, &column);
  guint c = 0;
  double used = 0;
  guint i;

  for (i = first; i < n; i++)
    {
      g_autoptr(StapleParticipant) participant = g_list_model_get_item (participants, i);
      double height = _staple_audience_text_height (ctx, participant_name (participant), column,
                                                    AUDIENCE_TEXT_BODY, PANGO_WEIGHT_BOLD, 2)
                      + 4;

      if (used > 0 && used + height > area->height)
        {
          used = 0;
          if (++c == n_columns)
            break;
        }
      if (draw)
        _staple_audience_text (ctx, participant_name (participant),
                               area->x + c * (column + 32), area->y + used, column,
                               AUDIENCE_TEXT_BODY, PANGO_WEIGHT_BOLD, 2, NULL);
      used += height;
    }
  return i;
}

/* "In the room (12)", above the names; returns its height. */
static double
draw_room_title (AudienceContext *ctx,
                 guint            n,
                 double           x,
                 double           y,
                 double           width,
                 gboolean         draw)
{
  g_autofree char *count = _staple_audience_format_count (n);
  /* Translators: above the names of the people in the workshop; %s is their number */
  g_autofree char *title = g_strdup_printf (ngettext ("In the room (%s)", "In the room (%s)", n),
                                            count);

  return _staple_audience_put_text (ctx, draw, title, x, y, width, AUDIENCE_TEXT_SMALL,
                                    PANGO_WEIGHT_BOLD, 1, ctx->palette->dim) + 4;
}

typedef struct
{
  gboolean  with_roles; /* names and roles, all in the first page's column */
  GArray   *starts;     /* (element-type guint): the first name on each page */
} RoomPages;

/* Who is in the room, in @column beside the session's frame on the first
 * page: names and roles if they all fit, the names alone if not; and if not
 * even they fit, the others on pages of their own, across @body, so that
 * nobody in the room is left out. */
static void
paginate_room (AudienceContext         *ctx,
               const cairo_rectangle_t *column,
               const cairo_rectangle_t *body,
               RoomPages               *pages)
{
  GListModel *participants =
    G_LIST_MODEL (staple_session_get_participants (ctx->options->session));
  /* The people, who come first: not the room's anonymous voters. */
  guint n = staple_session_count_people (ctx->options->session);
  double title = draw_room_title (ctx, n, 0, 0, column->width, FALSE);
  cairo_rectangle_t names = { column->x, column->y + title, column->width,
                              column->height - title };
  cairo_rectangle_t rest = { body->x, body->y + title, body->width,
                             body->height - title - FOOTER_HEIGHT };
  double total = 0;
  guint start = 0;
  guint end;

  pages->starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_val (pages->starts, start);
  pages->with_roles = FALSE;
  if (n == 0)
    return;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StapleParticipant) participant = g_list_model_get_item (participants, i);

      total += participant_height (ctx, participant, names.x, 0, names.width, FALSE) + 4;
    }
  if (total - 4 <= names.height)
    {
      pages->with_roles = TRUE;
      return;
    }
  if (names_grid (ctx, participants, 0, &names, FALSE) == n)
    return;

  names.height -= FOOTER_HEIGHT;
  end = names_grid (ctx, participants, 0, &names, FALSE);
  while (end < n)
    {
      g_array_append_val (pages->starts, end);
      end = names_grid (ctx, participants, end, &rest, FALSE);
    }
}

/* The people in the room on the options' page, as paginate_room() laid
 * them out. */
static void
draw_room (AudienceContext         *ctx,
           const cairo_rectangle_t *column,
           const cairo_rectangle_t *body,
           const RoomPages         *pages)
{
  GListModel *participants =
    G_LIST_MODEL (staple_session_get_participants (ctx->options->session));
  /* The people, who come first: not the room's anonymous voters. */
  guint n = staple_session_count_people (ctx->options->session);
  guint n_pages = pages->starts->len;
  guint page = MIN (ctx->options->page, n_pages - 1);
  const cairo_rectangle_t *area = page == 0 ? column : body;
  cairo_rectangle_t names = *area;
  double y = area->y;

  if (n == 0)
    {
      /* Translators: on the room's screen, where the participants would be listed */
      _staple_audience_text (ctx, _("Nobody is listed in the room yet."), column->x, column->y,
                             column->width, AUDIENCE_TEXT_BODY, PANGO_WEIGHT_NORMAL, 2,
                             ctx->palette->dim);
      return;
    }

  y += draw_room_title (ctx, n, area->x, y, area->width, TRUE);
  if (pages->with_roles)
    {
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(StapleParticipant) participant = g_list_model_get_item (participants, i);

          y += participant_height (ctx, participant, area->x, y, area->width, TRUE) + 4;
        }
      return;
    }

  names.y = y;
  names.height = area->y + area->height - y - (n_pages > 1 ? FOOTER_HEIGHT : 0);
  names_grid (ctx, participants, g_array_index (pages->starts, guint, page), &names, TRUE);
  if (n_pages > 1)
    draw_footer (ctx, area, page, n_pages);
}

/* The small print: the organisation, the date, the place and the coach,
 * those that are known. */
static char *
describe_occasion (StapleSession *session)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *date = staple_action_format_due (staple_session_get_date (session), NULL);
  g_autofree char *coach = NULL;
  const char *parts[4] = { staple_session_get_organisation (session), date,
                           staple_session_get_location (session), NULL };

  if (*staple_session_get_facilitator (session) != '\0')
    {
      g_autofree char *name = staple_text_isolate (staple_session_get_facilitator (session));

      /* Translators: who runs the workshop, e.g. "Coach: Ruth Abernethy" */
      coach = g_strdup_printf (_("Coach: %s"), name);
    }
  parts[3] = coach;

  /* Each part typed by the coach set apart, so that one in another script
   * does not reorder the others. */
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i] == NULL || *parts[i] == '\0')
        continue;
      if (text->len > 0)
        /* Translators: between the parts of a line such as "Kettlewell · 14/10/2026 · Leeds" */
        g_string_append (text, _(" · "));
      if (i == 3)
        g_string_append (text, parts[i]);
      else
        {
          g_autofree char *part = staple_text_isolate (parts[i]);

          g_string_append (text, part);
        }
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The session's title and question across the top; returns where they
 * end. */
static double
frame_header (AudienceContext         *ctx,
              const cairo_rectangle_t *body,
              gboolean                 draw)
{
  StapleSession *session = ctx->options->session;
  const char *title = staple_session_get_title (session);
  const char *question = staple_session_get_question (session);
  double y = body->y;

  if (*title != '\0')
    y += _staple_audience_put_text (ctx, draw, title, body->x, y, body->width,
                                    AUDIENCE_TEXT_SMALL, PANGO_WEIGHT_BOLD, 1,
                                    ctx->palette->dim) + 4;
  if (*question != '\0')
    y += _staple_audience_put_text (ctx, draw, question, body->x, y, body->width,
                                    AUDIENCE_TEXT_LARGE, PANGO_WEIGHT_BOLD, 3, NULL);
  else
    /* Translators: on the room's screen, in place of the session's question */
    y += _staple_audience_put_text (ctx, draw,
                                    _("The question this session asks is not written yet."),
                                    body->x, y, body->width, AUDIENCE_TEXT_LARGE,
                                    PANGO_WEIGHT_NORMAL, 2, ctx->palette->dim);
  return y + 28;
}

/* The session's frame: its question, whose work the room follows, and who
 * is in the room; a room too full for one screen goes on to pages of
 * names. */
void
_staple_audience_draw_frame (AudienceContext         *ctx,
                             const cairo_rectangle_t *body)
{
  StapleSession *session = ctx->options->session;
  g_autofree char *occasion = describe_occasion (session);
  double column = (body->width - 48) * 0.5;
  double occasion_height = 0;
  double top = frame_header (ctx, body, FALSE);
  double left_y = top;
  cairo_rectangle_t room;
  RoomPages pages;

  if (*occasion != '\0')
    occasion_height = _staple_audience_text_height (ctx, occasion, body->width,
                                                    AUDIENCE_TEXT_SMALL, PANGO_WEIGHT_NORMAL,
                                                    2) + 16;
  room = (cairo_rectangle_t) { body->x + column + 48, top, body->width - column - 48,
                               body->y + body->height - occasion_height - top };
  paginate_room (ctx, &room, body, &pages);
  ctx->stats->n_pages = pages.starts->len;

  if (MIN (ctx->options->page, pages.starts->len - 1) > 0)
    {
      draw_room (ctx, &room, body, &pages);
      g_array_unref (pages.starts);
      return;
    }

  if (*occasion != '\0')
    _staple_audience_text (ctx, occasion, body->x,
                           body->y + body->height - occasion_height + 16, body->width,
                           AUDIENCE_TEXT_SMALL, PANGO_WEIGHT_NORMAL, 2, ctx->palette->dim);
  frame_header (ctx, body, TRUE);
  cairo_rectangle (ctx->cr, body->x, top - 14, body->width, 2);
  _staple_audience_fill_rgb (ctx->cr, ctx->palette->border);
  cairo_fill (ctx->cr);

  /* Translators: on the room's screen, above whom the workshop follows the work of */
  left_y += draw_field (ctx, _("The customer"), staple_session_get_customer (session),
                        body->x, left_y, column, 3);
  /* Translators: on the room's screen, above the piece of work the room follows */
  left_y += draw_field (ctx, _("The piece of work we follow"),
                        staple_session_get_work_item (session), body->x, left_y, column, 3);
  if (left_y == top)
    /* Translators: on the room's screen, in place of the customer and the piece of work */
    _staple_audience_text (ctx, _("Whose work the room follows is not written yet."),
                           body->x, top, column, AUDIENCE_TEXT_BODY, PANGO_WEIGHT_NORMAL, 3,
                           ctx->palette->dim);

  draw_room (ctx, &room, body, &pages);
  g_array_unref (pages.starts);
}
