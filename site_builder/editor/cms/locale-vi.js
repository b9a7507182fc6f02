// Phrases Decap CMS 3.16.3's Vietnamese locale lacks (they would show in English); merged into it
// by portal-cms.js. tests/test_cms_browser.py fails when a phrase of the English locale is missing.
export const missing = {
  auth: { loginWithAzure: 'Đăng nhập bằng Azure', loginWithForgejo: 'Đăng nhập bằng Forgejo' },
  collection: {
    collectionTop: { viewAsList: 'Xem dạng danh sách', viewAsGrid: 'Xem dạng lưới', groupBy: 'Nhóm theo' },
    entries: { unpublishedHeader: 'Mục chưa công bố' },
    groups: { other: 'Khác', negateLabel: 'Không %{label}' },
  },
  editor: {
    editorControl: { field: { widgetLabel: 'Trường %{widgetLabel}' } },
    editorControlPane: {
      i18n: {
        writingInLocale: 'Đang viết bằng %{locale}',
        copyFromLocale: 'Điền từ ngôn ngữ khác',
        copyFromLocaleConfirm: 'Điền dữ liệu từ ngôn ngữ %{locale}?\nToàn bộ nội dung hiện có sẽ bị ghi đè.',
      },
    },
    editorInterface: {
      toggleI18n: 'Bật/tắt đa ngôn ngữ', togglePreview: 'Bật/tắt xem trước',
      toggleScrollSync: 'Cuộn đồng thời', toggleNotes: 'Bật/tắt ghi chú',
    },
    editorNotesPane: {
      title: 'Ghi chú', emptyState: 'Chưa có ghi chú. Thêm ghi chú đầu tiên ở dưới để cùng trao đổi.',
      addNote: 'Thêm ghi chú', addPlaceholder: 'Thêm một ghi chú…', editPlaceholder: 'Sửa ghi chú…',
      save: 'Lưu', cancel: 'Hủy', edit: 'Sửa', delete: 'Xóa', resolve: 'Đánh dấu đã xong',
      unresolve: 'Mở lại', confirmDelete: 'Xóa ghi chú này?', shortcut: 'Mẹo: bấm Ctrl+Enter để thêm ghi chú nhanh',
    },
    editorToolbar: {
      statusInfoTooltipDraft: 'Mục đang ở trạng thái nháp. Để gửi duyệt, chuyển trạng thái sang “Chờ duyệt”.',
      statusInfoTooltipInReview: 'Mục đang được duyệt, không cần làm gì thêm; vẫn có thể sửa trong lúc chờ duyệt.',
    },
    editorWidgets: {
      markdown: {
        bold: 'Đậm', italic: 'Nghiêng', strikethrough: 'Gạch ngang', code: 'Mã', link: 'Liên kết',
        linkPrompt: 'Nhập địa chỉ của liên kết', headings: 'Tiêu đề', quote: 'Trích dẫn',
        bulletedList: 'Danh sách gạch đầu dòng', numberedList: 'Danh sách đánh số', addComponent: 'Thêm thành phần',
        toggleMode: { rich: 'Chuyển sang soạn trực quan', markdown: 'Chuyển sang soạn Markdown' },
      },
      image: {
        chooseMultiple: 'Chọn ảnh', chooseUrl: 'Chèn từ địa chỉ', replaceUrl: 'Thay bằng địa chỉ',
        promptUrl: 'Nhập địa chỉ của ảnh', addMore: 'Thêm ảnh', removeAll: 'Bỏ tất cả ảnh',
      },
      file: {
        chooseUrl: 'Chèn từ địa chỉ', chooseMultiple: 'Chọn tệp', replaceUrl: 'Thay bằng địa chỉ',
        promptUrl: 'Nhập địa chỉ của tệp', addMore: 'Thêm tệp', removeAll: 'Bỏ tất cả tệp',
      },
      datetime: { setToNow: 'Đặt %{fieldLabel} là lúc này' },
      list: { add: 'Thêm %{item}', addType: 'Thêm %{item}' },
      object: { expand: 'Mở rộng', collapse: 'Thu gọn' },
    },
  },
  mediaLibrary: {
    mediaLibraryCard: { copy: 'Sao chép', copyUrl: 'Sao chép địa chỉ', copyPath: 'Sao chép đường dẫn',
      copyName: 'Sao chép tên', copied: 'Đã sao chép' },
    mediaLibraryModal: { close: 'Đóng' },
  },
  ui: {
    settingsDropdown: { account: 'Tùy chọn tài khoản' },
    toast: {
      noteAdded: 'Đã thêm ghi chú', onFailToAddNote: 'Không thêm được ghi chú: %{details}',
      noteUpdated: 'Đã sửa ghi chú', onFailToUpdateNote: 'Không sửa được ghi chú: %{details}',
      noteDeleted: 'Đã xóa ghi chú', onFailToDeleteNote: 'Không xóa được ghi chú: %{details}',
      noteResolved: 'Ghi chú đã xong', noteReopened: 'Đã mở lại ghi chú',
      onFailToToggleNote: 'Không đổi được trạng thái ghi chú: %{details}',
    },
  },
};

// The Decap default is a deep merge; the locale's own phrases win where both have one.
export function merged(base, extra) {
  const out = { ...extra, ...base };
  for (const key of Object.keys(extra)) {
    if (typeof extra[key] === 'object' && typeof base?.[key] === 'object') out[key] = merged(base[key], extra[key]);
  }
  return out;
}
