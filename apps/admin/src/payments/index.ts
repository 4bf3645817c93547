import PaymentsIcon from "@mui/icons-material/Payments";
import { PaymentList } from "./PaymentList";

// Read-only: attempts are made by billing runs and the invoice actions, never entered here.
export default {
  list: PaymentList,
  icon: PaymentsIcon,
};
