pub mod pdf_sample;
