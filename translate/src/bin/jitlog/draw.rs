//! `jitlog draw-time`: the run's time line as one bar coloured by category, with a legend
//! of totals (PyPy's `logparser draw-time`, the picture of the "Logging and nice graphs"
//! post).
//!
//! The picture is laid out once as rectangles and texts ([`Picture`]), then written as PNG
//! (pixels filled here, text in embedded-graphics' built-in 6x10 bitmap font, encoded by
//! the `png` crate) or as SVG (written here). Each pixel column of the bar stacks the
//! categories by their share of its time (at least a pixel each), so a short compilation
//! on a long run stays visible without looking longer than it was.

use crate::summary::JitSummary;
use crate::timeline::{Category, Timeline};
use embedded_graphics::mono_font::{ascii::FONT_6X10, MonoTextStyle};
use embedded_graphics::pixelcolor::Rgb888;
use embedded_graphics::prelude::*;
use embedded_graphics::text::Text;
use std::fmt::Write;

/// A filled rectangle, in pixels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rect {
    /// Left, top, width, height.
    pub x: u32,
    /// See `x`.
    pub y: u32,
    /// See `x`.
    pub w: u32,
    /// See `x`.
    pub h: u32,
    /// The fill colour.
    pub rgb: [u8; 3],
}

/// A line of text; `y` is its baseline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// Left and baseline.
    pub x: u32,
    /// See `x`.
    pub y: u32,
    /// The text (ASCII).
    pub text: String,
}

/// The laid-out picture.
#[derive(Clone, Debug)]
pub struct Picture {
    /// Width and height in pixels.
    pub width: u32,
    /// See `width`.
    pub height: u32,
    /// Rectangles, in drawing order.
    pub rects: Vec<Rect>,
    /// Texts, drawn last.
    pub labels: Vec<Label>,
}

const MARGIN: u32 = 12;
const BAR_TOP: u32 = 30;
const BAR_HEIGHT: u32 = 48;
const ROW: u32 = 16;
const SWATCH: u32 = 12;
const WHITE: [u8; 3] = [0xff, 0xff, 0xff];
const INK: [u8; 3] = [0x20, 0x20, 0x20];

/// The categories of the legend: the six kinds of work always, logging and other
/// sections when they took time.
fn legend_categories(timeline: &Timeline) -> Vec<Category> {
    Category::ALL
        .into_iter()
        .filter(|&c| !matches!(c, Category::Other | Category::Logging) || timeline.ticks_of(c) > 0)
        .collect()
}

impl Picture {
    /// Lays out the picture of `timeline`, `width` pixels wide.
    pub fn new(timeline: &Timeline, summary: Option<&JitSummary>, width: u32) -> Picture {
        let per_tick = timeline.seconds_per_tick(summary);
        let legend = legend_categories(timeline);
        let legend_top = BAR_TOP + BAR_HEIGHT + 28;
        let height = legend_top + ROW * legend.len() as u32 + MARGIN;
        let mut p = Picture {
            width,
            height,
            rects: vec![Rect {
                x: 0,
                y: 0,
                w: width,
                h: height,
                rgb: WHITE,
            }],
            labels: Vec::new(),
        };
        let total = timeline.total().max(1);
        let title = match per_tick {
            Some(s) => format!(
                "time line of the run: {} ticks, about {:.3} s",
                timeline.total(),
                timeline.total() as f64 * s
            ),
            None => format!("time line of the run: {} ticks", timeline.total()),
        };
        p.labels.push(Label {
            x: MARGIN,
            y: 18,
            text: title,
        });
        // The bar: one column a pixel, stacked by the share of each category in it.
        let bar_width = width - 2 * MARGIN;
        for (x, shares) in columns(timeline, bar_width).iter().enumerate() {
            let column_total: u64 = shares.iter().sum();
            if column_total == 0 {
                continue;
            }
            let mut y = BAR_TOP + BAR_HEIGHT;
            for (i, &ticks) in shares.iter().enumerate() {
                if ticks == 0 {
                    continue;
                }
                let h = ((u128::from(ticks) * u128::from(BAR_HEIGHT)
                    + u128::from(column_total) / 2)
                    / u128::from(column_total)) as u32;
                let h = h.max(1).min(y - BAR_TOP);
                if h == 0 {
                    break;
                }
                y -= h;
                p.rects.push(Rect {
                    x: MARGIN + x as u32,
                    y,
                    w: 1,
                    h,
                    rgb: Category::ALL[i].rgb(),
                });
            }
        }
        // The axis: ticks at the quarters.
        for quarter in 0..=4u32 {
            let x = MARGIN + bar_width * quarter / 4;
            let x = x.min(MARGIN + bar_width - 1);
            p.rects.push(Rect {
                x,
                y: BAR_TOP + BAR_HEIGHT,
                w: 1,
                h: 5,
                rgb: INK,
            });
            let ticks = timeline.total() / 4 * u64::from(quarter);
            let text = match per_tick {
                Some(s) => format!("{:.3}s", ticks as f64 * s),
                None => format!("{}%", 25 * quarter),
            };
            let text_x = x
                .saturating_sub(3 * text.len() as u32)
                .clamp(MARGIN, width - MARGIN - 6 * text.len() as u32);
            p.labels.push(Label {
                x: text_x,
                y: BAR_TOP + BAR_HEIGHT + 16,
                text,
            });
        }
        // The legend: a swatch, the name, the share and the time of each category.
        for (row, &category) in legend.iter().enumerate() {
            let y = legend_top + ROW * row as u32;
            p.rects.push(Rect {
                x: MARGIN,
                y,
                w: SWATCH,
                h: SWATCH,
                rgb: category.rgb(),
            });
            let ticks = timeline.ticks_of(category);
            let share = 100.0 * ticks as f64 / total as f64;
            let mut text = format!("{:<40} {:>6.2}%", category.name(), share);
            if let Some(s) = per_tick {
                let _ = write!(text, "  {:>10.6} s", ticks as f64 * s);
            } else {
                let _ = write!(text, "  {ticks:>14} ticks");
            }
            p.labels.push(Label {
                x: MARGIN + SWATCH + 8,
                y: y + 10,
                text,
            });
        }
        p
    }

    /// The picture as PNG bytes.
    pub fn png(&self) -> Result<Vec<u8>, String> {
        let mut canvas = Canvas {
            width: self.width,
            height: self.height,
            pixels: vec![0xff; (self.width * self.height * 3) as usize],
        };
        for r in &self.rects {
            canvas.fill(*r);
        }
        let style = MonoTextStyle::new(&FONT_6X10, Rgb888::new(INK[0], INK[1], INK[2]));
        for label in &self.labels {
            let at = Point::new(label.x as i32, label.y as i32);
            // Drawing on the canvas cannot fail.
            let _ = Text::new(&label.text, at, style).draw(&mut canvas);
        }
        let mut out = Vec::new();
        {
            let mut encoder = png::Encoder::new(&mut out, self.width, self.height);
            encoder.set_color(png::ColorType::Rgb);
            encoder.set_depth(png::BitDepth::Eight);
            let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
            writer
                .write_image_data(&canvas.pixels)
                .map_err(|e| e.to_string())?;
        }
        Ok(out)
    }

    /// The picture as an SVG document.
    pub fn svg(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" \
             viewBox=\"0 0 {w} {h}\" font-family=\"monospace\" font-size=\"10\">",
            w = self.width,
            h = self.height
        );
        for r in &self.rects {
            let _ = writeln!(
                s,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#{:02x}{:02x}{:02x}\"/>",
                r.x, r.y, r.w, r.h, r.rgb[0], r.rgb[1], r.rgb[2]
            );
        }
        for l in &self.labels {
            let _ = writeln!(
                s,
                "<text x=\"{}\" y=\"{}\" xml:space=\"preserve\">{}</text>",
                l.x,
                l.y,
                crate::view::escape(&l.text)
            );
        }
        s.push_str("</svg>\n");
        s
    }
}

/// The ticks of each category (by `Category::ALL`'s order) in each of `n` equal columns
/// of the time line.
fn columns(timeline: &Timeline, n: u32) -> Vec<[u64; 8]> {
    let mut out = vec![[0u64; 8]; n as usize];
    let total = u128::from(timeline.total().max(1));
    let n128 = u128::from(n);
    // The first tick of column `x`.
    let edge = |x: u128| timeline.start + (x * total / n128) as u64;
    for s in &timeline.segments {
        let i = crate::timeline::index(s.category);
        let first = (u128::from(s.start - timeline.start) * n128 / total) as usize;
        let mut x = first.min(n as usize - 1);
        let mut at = s.start;
        while at < s.end && x < n as usize {
            let column_end = if x + 1 == n as usize {
                s.end
            } else {
                edge(x as u128 + 1).min(s.end)
            };
            out[x][i] += column_end.saturating_sub(at);
            at = column_end.max(at);
            x += 1;
        }
    }
    out
}

/// An RGB pixel buffer that embedded-graphics draws text on.
struct Canvas {
    width: u32,
    height: u32,
    pixels: Vec<u8>,
}

impl Canvas {
    fn fill(&mut self, r: Rect) {
        for y in r.y..(r.y + r.h).min(self.height) {
            for x in r.x..(r.x + r.w).min(self.width) {
                let i = ((y * self.width + x) * 3) as usize;
                self.pixels[i..i + 3].copy_from_slice(&r.rgb);
            }
        }
    }
}

impl OriginDimensions for Canvas {
    fn size(&self) -> Size {
        Size::new(self.width, self.height)
    }
}

impl DrawTarget for Canvas {
    type Color = Rgb888;
    type Error = std::convert::Infallible;

    fn draw_iter<I>(&mut self, pixels: I) -> Result<(), Self::Error>
    where
        I: IntoIterator<Item = Pixel<Self::Color>>,
    {
        for Pixel(at, color) in pixels {
            if at.x < 0 || at.y < 0 || at.x as u32 >= self.width || at.y as u32 >= self.height {
                continue;
            }
            let i = ((at.y as u32 * self.width + at.x as u32) * 3) as usize;
            self.pixels[i..i + 3].copy_from_slice(&[color.r(), color.g(), color.b()]);
        }
        Ok(())
    }
}
